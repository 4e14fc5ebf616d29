import type { Request } from "express";
import { Router } from "express";
import { z } from "zod";
import type { Booking } from "../../bot/booking/booking-types";
import { completeFacts } from "../../bot/conversation/complete-facts";
import { DomainError } from "../../bot/errors";
import type { Intake } from "../../bot/intake/intake-ports";
import { toSeoulDate } from "../../bot/time/seoul-date";
import { addDays, toSeoulIso } from "../../bot/time/seoul-time";
import type { BookingService } from "../booking/booking-service";
import type { CaseNarrator } from "../extraction/case-narrator";
import { validationError } from "../http/error-handler";
import { parseBody } from "../http/json-body";
import type { Translator } from "../i18n/create-translator";
import type { IntakeService } from "../intake/intake-service";
import type { RegisterPaths } from "../openapi/build-openapi";
import type { AuditDeps } from "./audit/record-audit";
import { recordAudit } from "./audit/record-audit";
import { staffUserOf } from "./auth/require-staff";
import {
  appointmentSchema, appointmentsQuerySchema, bookingStatusBodySchema, correctionBodySchema, intakeIdSchema, intakeQuerySchema,
  noteBodySchema, questionCorrectionsSchema,
} from "./appointments-schemas";
import { toIntakeSummary, urgentFlagsOf } from "./intake-summary";

export type AppointmentRouteDeps = {
  bookings: BookingService; intakes: IntakeService; translator: Translator; audit: AuditDeps; now: () => Date;
  /** When a model is configured: a short machine-written narrative from the structured facts. */
  narrator?: CaseNarrator;
  /** Active bookings from one source (FLOOD_BOOKINGS_PER_SOURCE) from which an appointment is flagged a flood. */
  floodBookingsPerSource: number;
};

const DEFAULT_DAYS = 8;

/**
 * The counsellor's console API, mounted behind the staff guard (/api/staff) and the admin guard
 * (/api/admin): appointments by time and specialty, the intake summary, booking status, notes and
 * corrections. Every view of resident data and every change is written to the audit log first.
 */
export function appointmentsRoutes(deps: AppointmentRouteDeps): Router {
  const router = Router();
  const { bookings, intakes } = deps;

  router.get("/api/staff/appointments", async (req, res) => {
    const query = parseQuery(appointmentsQuerySchema, req.query);
    const today = toSeoulDate(deps.now());
    const from = query.from ?? today;
    const to = query.to ?? addDays(from, DEFAULT_DAYS - 1);
    const found = query.code === undefined
      ? await bookings.listBookings(toSeoulIso(from, 0), toSeoulIso(addDays(to, 1), 0))
      : [await bookings.findByCode(query.code)].flatMap((b) => (b ? [b] : []));
    const chosen = found.filter((b) => query.specialty === undefined || b.specialty === query.specialty)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.code.localeCompare(b.code));
    const sources = await bookings.countActiveBySource(chosen);
    const appointments = await Promise.all(chosen.map(async (b) => toAppointment(deps, b, await intakes.findByBookingCode(b.code), sources)));
    await recordAudit(deps.audit, req, {
      action: "appointments.list", recordType: "booking", recordId: query.code ?? `${from}..${to}`, detail: { count: appointments.length },
    });
    res.setHeader("Cache-Control", "no-store");
    res.json({ appointments });
  });

  router.get("/api/staff/intakes/:id", async (req, res) => {
    const query = parseQuery(intakeQuerySchema, req.query);
    const intake = await intakes.find(intakeIdOf(req));
    await recordAudit(deps.audit, req, { action: "intake.view", recordType: "intake", recordId: intake.id });
    const narrative = deps.narrator ? await deps.narrator.narrate(completeFacts(intake.facts), intake.evaluation) : undefined;
    res.setHeader("Cache-Control", "no-store");
    const version = await intakes.flowOf(intake);
    res.json({ intake: toIntakeSummary(intake, version.flow, deps.translator, query.lang ?? "ko", version.wording), narrative: narrative ?? null });
  });

  router.post("/api/staff/bookings/:code/status", async (req, res) => {
    const body = parseBody(bookingStatusBodySchema, req.body);
    const before = await bookings.findByCode(String(req.params.code));
    const booking = await bookings.setStatus(String(req.params.code), body.status);
    await recordAudit(deps.audit, req, { action: "booking.status", recordType: "booking", recordId: booking.code, detail: { status: booking.status } });
    const intake = await intakes.findByBookingCode(booking.code);
    if (intake) await intakes.countAttendance(intake, before?.status, booking.status);
    res.json({ appointment: await toAppointment(deps, booking, intake, await bookings.countActiveBySource([booking])) });
  });

  router.post("/api/staff/intakes/:id/notes", async (req, res) => {
    const id = intakeIdOf(req);
    const body = parseBody(noteBodySchema, req.body);
    const intake = await intakes.addNote(id, staffUserOf(req).username, body.text);
    await recordAudit(deps.audit, req, { action: "intake.note", recordType: "intake", recordId: intake.id, detail: { notes: intake.notes.length } });
    res.status(201).json({ notes: intake.notes });
  });

  router.post("/api/staff/intakes/:id/corrections", async (req, res) => {
    const id = intakeIdOf(req);
    const body = parseBody(correctionBodySchema, req.body);
    const intake = await intakes.addCorrection(id, { nodeId: body.nodeId, value: body.value, by: staffUserOf(req).username, ...(body.note !== undefined ? { note: body.note } : {}) });
    await recordAudit(deps.audit, req, { action: "intake.correct", recordType: "intake", recordId: intake.id, detail: { nodeId: body.nodeId } });
    res.status(201).json({ corrections: intake.corrections });
  });

  router.get("/api/admin/question-corrections", async (req, res) => {
    const questions = await intakes.countCorrections();
    await recordAudit(deps.audit, req, { action: "question_corrections.view", recordType: "question", recordId: "all", detail: { questions: questions.length } });
    res.json({ questions });
  });

  return router;
}

async function toAppointment(
  deps: AppointmentRouteDeps, booking: Booking, intake: Intake | undefined, sources: ReadonlyMap<string, number>,
): Promise<z.infer<typeof appointmentSchema>> {
  const { name, phone } = deps.bookings.openPersonal(booking);
  const sameSource = booking.sourceHash === undefined ? 0 : sources.get(booking.sourceHash) ?? 0;
  return {
    code: booking.code, start: booking.start, end: booking.end, specialty: booking.specialty, status: booking.status, name,
    phoneMasked: phone === undefined ? "" : `${phone.slice(0, 3)}-****-${phone.slice(-4)}`,
    ...(booking.phoneConfirmed !== undefined ? { phoneConfirmed: booking.phoneConfirmed } : {}), ...(booking.confirmBy !== undefined ? { confirmBy: booking.confirmBy } : {}),
    ...(intake ? { intakeId: intake.id } : {}), urgentFlags: intake ? urgentFlagsOf(intake) : [],
    sameSource, flood: sameSource >= deps.floodBookingsPerSource,
  };
}

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function intakeIdOf(req: Request): string {
  const parsed = intakeIdSchema.safeParse(req.params.id);
  if (!parsed.success) throw new DomainError("NOT_FOUND", "no intake with this id");
  return parsed.data;
}

/** The console API in the OpenAPI document. */
export const registerAppointmentPaths: RegisterPaths = (registry, errors) => {
  const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
  const body = <S extends z.ZodType>(schema: S) => ({ body: { required: true, content: { "application/json": { schema } } } });
  const guarded = { 401: json(errors, "Not signed in"), 403: json(errors, "Wrong role, or X-CSRF-Token missing on a change") };
  const invalid = { 422: json(errors, "Unknown fields, wrong types or invalid values") };
  const notFound = { 404: json(errors, "No such intake or booking") };
  const intakePath = { params: z.object({ id: z.uuid() }) };
  registry.registerPath({
    method: "get", path: "/api/staff/appointments", summary: "Appointments by time (default today and the next 7 days); audited",
    request: { query: appointmentsQuerySchema },
    responses: { 200: json(z.object({ appointments: z.array(appointmentSchema) }), "By start time"), ...guarded, ...invalid },
  });
  registry.registerPath({
    method: "get", path: "/api/staff/intakes/{id}", summary: "The intake summary: urgent, recommendations, situation, answers, notes; audited",
    request: { ...intakePath, query: intakeQuerySchema },
    responses: { 200: json(z.object({ intake: z.record(z.string(), z.unknown()) }), "The summary, translated to ?lang"), ...guarded, ...notFound },
  });
  registry.registerPath({
    method: "post", path: "/api/staff/bookings/{code}/status", summary: "Mark arrived, no-show, done or cancelled; audited",
    request: { params: z.object({ code: z.string() }), ...body(bookingStatusBodySchema) },
    responses: { 200: json(z.object({ appointment: appointmentSchema }), "The appointment"), ...guarded, ...invalid, ...notFound },
  });
  registry.registerPath({
    method: "post", path: "/api/staff/intakes/{id}/notes", summary: "Add a counsellor note (sealed at rest); audited",
    request: { ...intakePath, ...body(noteBodySchema) },
    responses: { 201: json(z.object({ notes: z.array(z.object({ by: z.string(), at: z.string(), text: z.string() })) }), "Every note"), ...guarded, ...invalid, ...notFound },
  });
  registry.registerPath({
    method: "post", path: "/api/staff/intakes/{id}/corrections", summary: "Correct an answer (kept beside it, staff-verified, counted per question); audited",
    request: { ...intakePath, ...body(correctionBodySchema) },
    responses: { 201: json(z.object({ corrections: z.array(z.record(z.string(), z.unknown())) }), "Every correction"), ...guarded, ...invalid, ...notFound },
  });
  registry.registerPath({
    method: "get", path: "/api/admin/question-corrections", summary: "Corrections per question, most corrected first (admins)",
    responses: { 200: json(questionCorrectionsSchema, "Counts per nodeId/questionKey"), ...guarded },
  });
};
