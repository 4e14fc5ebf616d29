import type { Express } from "express";
import request from "supertest";
import type { UserInput } from "../../bot/nodes/answer";
import type { StaffRole } from "../../bot/staff/staff-ports";
import type { StaffAuth } from "../../server/staff/auth/staff-auth";
import { createStaffUser } from "../../server/staff/auth/staff-auth";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "./flow-harness";

/**
 * A card and bank debtor of about 25 million won, typed the way people answer (no option ids):
 * three months behind, "몰라요" about new debt, a household of four, ill, short of cash for the
 * next days. The illegal-lending questions are not asked (no such loan). No real person.
 */
export const TYPED_CARD_DEBTOR: Readonly<Record<string, UserInput>> = Object.fromEntries(Object.entries({
  consent: "네", safety_check: "아니요", has_debt: "네 있어요", total_debt: "2500만원 정도요", secured_gate: "없어요", creditor_types: "카드, 은행",
  has_illegal_loan: "아니요", overdue_days: "3개월", new_debt_gate: "몰라요", prior_discharge_gate: "아니요", current_procedure: "없어요",
  household_size: "4명", monthly_income: "월 300", own_income: "2400만원", cover_living: "아니요", employment: "회사원", employed_months: "1년 반",
  age: "52", gyeonggi_resident: "네", welfare_status: "없어요", severe_disability: "아니요", credit_score_known: "아니요", crisis_events: "질병",
  business_ever: "아니요", urgent_cash_gate: "네", urgent_cash: "50만원", wants_job_help: "네",
}).map(([nodeId, text]) => [nodeId, { text }]));

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
