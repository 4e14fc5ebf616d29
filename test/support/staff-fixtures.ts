import type { Express } from "express";
import request from "supertest";
import type { UserInput } from "../../bot/nodes/read-answer";
import type { StaffRole } from "../../bot/staff/staff-ports";
import type { StaffAuth } from "../../server/staff/auth/staff-auth";
import { createStaffUser } from "../../server/staff/auth/staff-auth";
import type { FlowTurn } from "./flow-harness";
import { startChat } from "./flow-harness";

/** A resident at risk of self-harm, with card debt: urgent help comes first in the summary. */
const ANSWERS: Record<string, UserInput> = {
  consent: { optionId: "agree" }, safety_check: { optionId: "yes" }, has_debt: { optionId: "yes" }, total_debt: { text: "2500만원" },
  secured_gate: { optionId: "none" }, creditor_types: { optionId: "card" }, has_illegal_loan: { optionId: "no" }, overdue_days: { text: "45일" },
  new_debt_gate: { optionId: "none" }, prior_discharge_gate: { optionId: "no" }, household_size: { text: "2명" }, monthly_income: { text: "250만원" },
  own_income: { text: "3000만원" }, cover_living: { optionId: "yes" }, employment: { optionId: "employed" }, employed_months: { text: "2년" },
  age: { text: "45" }, gyeonggi_resident: { optionId: "yes" }, welfare_status: { optionId: "none" },
};

export function triageInputs(now: string): UserInput[] {
  const chat = startChat("ko", now);
  const inputs: UserInput[] = [];
  const fallback = (turn: FlowTurn): UserInput => {
    const ids = turn.options.map((o) => o.id);
    return { optionId: ["continue", "no", "none"].find((id) => ids.includes(id)) ?? ids[0] ?? "" };
  };
  for (let i = 0; i < 60 && !chat.turn.done; i++) {
    const input = ANSWERS[chat.turn.nodeId] ?? fallback(chat.turn);
    inputs.push(input);
    if (input.optionId !== undefined) chat.tap(input.optionId);
    else chat.say(input.text ?? "");
  }
  if (!chat.turn.done) throw new Error(`the walk did not finish; it rests at ${chat.turn.nodeId}`);
  return inputs;
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
