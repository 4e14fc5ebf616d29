import type { Router } from "express";
import { z } from "zod";
import type { Booking } from "../../bot/booking/booking-types";
import { completeFacts } from "../../bot/conversation/complete-facts";
import { DomainError } from "../../bot/errors";
import type { Intake } from "../../bot/intake/intake-ports";
import { toSeoulDate } from "../../bot/time/seoul-date";
import { addDays, toSeoulIso } from "../../bot/time/seoul-time";
import type { BookingService } from "../booking/booking-service";
import type { CaseNarrator } from "../extraction/case-narrator";
import type { Route } from "../http/define-route";
import { NO_BODY, NO_PARAMS, NO_QUERY, declareRoutes, defineRoute } from "../http/define-route";
import type { Translator } from "../i18n/create-translator";
import type { IntakeService } from "../intake/intake-service";
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
export function appointmentsRoutes(deps: AppointmentRouteDeps): { router: Router; routes: Route[] } {
  const { bookings, intakes } = deps;
  const guarded = { 401: "Not signed in", 403: "Wrong role, or X-CSRF-Token missing on a change" } as const;
  const invalid = "Unknown fields, wrong types or invalid values";
  const notFound = "No such intake or booking";
  const intakeParams = { schema: z.object({ id: intakeIdSchema }), invalid: () => new DomainError("NOT_FOUND", "no intake with this id") };
  return declareRoutes([
    defineRoute({
      method: "get", path: "/api/staff/appointments", summary: "Appointments by time (default today and the next 7 days); audited",
      body: NO_BODY, query: appointmentsQuerySchema, params: { schema: NO_PARAMS },
      success: { status: 200, description: "By start time", schema: z.object({ appointments: z.array(appointmentSchema) }) },
      problems: { ...guarded, 422: invalid },
      handle: async ({ query, req, res }) => {
        const today = toSeoulDate(deps.now());
        const from = query.from ?? today;
        const to = query.to ?? addDays(from, DEFAULT_DAYS - 1);
        const found = query.code === undefined
          ? await bookings.listBookings(toSeoulIso(from, 0), toSeoulIso(addDays(to, 1), 0))
          : [await bookings.findByCode(query.code)].flatMap((b) => (b ? [b] : []));
        const chosen = found.filter((b) => query.specialty === undefined || b.specialty === query.specialty)
          .sort((x, y) => Date.parse(x.start) - Date.parse(y.start) || x.code.localeCompare(y.code));
        const sources = await bookings.countActiveBySource(chosen);
        const appointments = await Promise.all(chosen.map(async (b) => toAppointment(deps, b, await intakes.findByBookingCode(b.code), sources)));
        await recordAudit(deps.audit, req, {
          action: "appointments.list", recordType: "booking", recordId: query.code ?? `${from}..${to}`, detail: { count: appointments.length },
        });
        res.setHeader("Cache-Control", "no-store");
        return { appointments };
      },
    }),
    defineRoute({
      method: "get", path: "/api/staff/intakes/{id}", summary: "The intake summary: urgent, recommendations, situation, answers, notes; audited",
      body: NO_BODY, query: intakeQuerySchema, params: intakeParams,
      success: {
        status: 200, description: "The summary, translated to ?lang, and a machine-written narrative when a model is configured",
        schema: z.object({ intake: z.record(z.string(), z.unknown()), narrative: z.object({ text: z.string(), machineWritten: z.literal(true), model: z.string() }).nullable() }),
      },
      problems: { ...guarded, 404: notFound },
      handle: async ({ params, query, req, res }) => {
        const intake = await intakes.find(params.id);
        await recordAudit(deps.audit, req, { action: "intake.view", recordType: "intake", recordId: intake.id });
        const narrative = deps.narrator ? await deps.narrator.narrate(completeFacts(intake.facts), intake.evaluation) : undefined;
        res.setHeader("Cache-Control", "no-store");
        const version = await intakes.flowOf(intake);
        return { intake: toIntakeSummary(intake, version.flow, deps.translator, query.lang ?? "ko", version.wording), narrative: narrative ?? null };
      },
    }),
    defineRoute({
      method: "post", path: "/api/staff/bookings/{code}/status", summary: "Mark arrived, no-show, done or cancelled; audited",
      body: { schema: bookingStatusBodySchema }, query: NO_QUERY, params: { schema: z.object({ code: z.string() }) },
      success: { status: 200, description: "The appointment", schema: z.object({ appointment: appointmentSchema }) },
      problems: { ...guarded, 404: notFound, 422: invalid },
      handle: async ({ body, params, req }) => {
        const before = await bookings.findByCode(params.code);
        const booking = await bookings.setStatus(params.code, body.status);
        await recordAudit(deps.audit, req, { action: "booking.status", recordType: "booking", recordId: booking.code, detail: { status: booking.status } });
        const intake = await intakes.findByBookingCode(booking.code);
        if (intake) await intakes.countAttendance(intake, before?.status, booking.status);
        return { appointment: await toAppointment(deps, booking, intake, await bookings.countActiveBySource([booking])) };
      },
    }),
    defineRoute({
      method: "post", path: "/api/staff/intakes/{id}/notes", summary: "Add a counsellor note (sealed at rest); audited",
      body: { schema: noteBodySchema }, query: NO_QUERY, params: intakeParams,
      success: { status: 201, description: "Every note", schema: z.object({ notes: z.array(z.object({ by: z.string(), at: z.string(), text: z.string() })) }) },
      problems: { ...guarded, 404: notFound, 422: invalid },
      handle: async ({ body, params, req }) => {
        const intake = await intakes.addNote(params.id, staffUserOf(req).username, body.text);
        await recordAudit(deps.audit, req, { action: "intake.note", recordType: "intake", recordId: intake.id, detail: { notes: intake.notes.length } });
        return { notes: intake.notes };
      },
    }),
    defineRoute({
      method: "post", path: "/api/staff/intakes/{id}/corrections", summary: "Correct an answer (kept beside it, staff-verified, counted per question); audited",
      body: { schema: correctionBodySchema }, query: NO_QUERY, params: intakeParams,
      success: { status: 201, description: "Every correction", schema: z.object({ corrections: z.array(z.record(z.string(), z.unknown())) }) },
      problems: { ...guarded, 404: notFound, 422: invalid },
      handle: async ({ body, params, req }) => {
        const intake = await intakes.addCorrection(params.id, { nodeId: body.nodeId, value: body.value, by: staffUserOf(req).username, ...(body.note !== undefined ? { note: body.note } : {}) });
        await recordAudit(deps.audit, req, { action: "intake.correct", recordType: "intake", recordId: intake.id, detail: { nodeId: body.nodeId } });
        return { corrections: intake.corrections };
      },
    }),
    defineRoute({
      method: "get", path: "/api/admin/question-corrections", summary: "Corrections per question, most corrected first (admins)",
      body: NO_BODY, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "Counts per nodeId/questionKey", schema: questionCorrectionsSchema },
      problems: guarded,
      handle: async ({ req }) => {
        const questions = await intakes.countCorrections();
        await recordAudit(deps.audit, req, { action: "question_corrections.view", recordType: "question", recordId: "all", detail: { questions: questions.length } });
        return { questions };
      },
    }),
  ]);
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
