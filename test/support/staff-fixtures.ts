import type { Express } from "express";
import request from "supertest";
import type { UserInput } from "../../bot/nodes/answer";
import type { StaffRole } from "../../bot/staff/staff-ports";
import type { StaffAuth } from "../../server/staff/auth/staff-auth";
import { createStaffUser } from "../../server/staff/auth/staff-auth";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "./flow-harness";

/** A resident at risk of self-harm, with card debt: urgent help comes first in the summary. */
export function triageInputs(now: string): UserInput[] {
  return walkInputs({ ...CARD_DEBTOR_ANSWERS, safety_check: { optionId: "yes" } }, { now, fallbackIds: ["continue", "no", "none"] });
}

export async function triageAndBook(app: Express, phone: string, now: string): Promise<{ code: string; start: string; sessionId: string }> {
  const created = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
  const sessionId = String(created.body.sessionId);
  for (const input of triageInputs(now)) await request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(input).expect(200);
  const slots = await request(app).get("/api/slots?specialty=debt&from=2026-12-04&days=1").expect(200);
  const res = await request(app).post("/api/bookings").send({ slotId: slots.body.slots[0].id, name: "이민지", phone, consent: true, sessionId }).expect(201);
  return { code: String(res.body.booking.code), start: String(res.body.booking.start), sessionId };
}

/** Creates a user of `role` and signs in: the cookie and CSRF token to send. */
export async function signInAs(app: Express, auth: StaffAuth, role: StaffRole, now: string, password = "correct horse battery") {
  const username = role === "staff" ? "kim" : "boss";
  await createStaffUser(auth.users, { username, role, password }, new Date(now));
  const res = await request(app).post("/api/staff/login").send({ username, password }).expect(200);
  return { cookie: (res.get("Set-Cookie")?.find((c) => c.startsWith("hb_staff=")) ?? "").split(";")[0] ?? "", csrf: String(res.body.csrfToken) };
}
