import type { Request, Router } from "express";
import { z } from "zod";
import { scheduleConflictReasons } from "../../bot/booking/compute-schedule-conflicts";
import { DomainError } from "../../bot/errors";
import type { FlowVersion, FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import { specialtyValues } from "../../flows/schema/catalog";
import { parseSchedule } from "../../flows/load-schedule";
import type { Schedule } from "../../flows/schema/schedule";
import type { VersionedDocument } from "../admin-documents/versioned-document";
import type { BookingService } from "../booking/booking-service";
import type { Route } from "../http/define-route";
import { NO_BODY, NO_JSON, NO_PARAMS, NO_QUERY, TextAnswer, declareRoutes, defineRoute } from "../http/define-route";
import type { AuditDeps } from "../staff/audit/record-audit";
import { recordAudit } from "../staff/audit/record-audit";
import { staffUserOf } from "../staff/auth/require-staff";
import { SCHEDULE_DOCUMENT_ID, parseScheduleYaml, toScheduleYaml } from "./live-schedule";

/** The live schedule and the store holding its versions (AppDeps.scheduleAdmin). */
export type ScheduleAdminDeps = { document: VersionedDocument<Schedule>; store: FlowVersionStore };
export type ScheduleRoutesDeps = ScheduleAdminDeps & { bookings: BookingService; audit: AuditDeps };

const noteSchema = z.string().max(500).optional();
/** The version the admin's edit started from (GET's `version`, null for the shipped file); another publish since is a 409. */
const baseVersionSchema = z.number().int().min(1).nullable().optional();
const scheduleSchema = z.record(z.string(), z.unknown());
const saveBodySchema = z.strictObject({ schedule: scheduleSchema, note: noteSchema, baseVersion: baseVersionSchema });
const checkBodySchema = z.strictObject({ schedule: scheduleSchema });
const rollbackBodySchema = z.strictObject({ version: z.number().int().min(1), note: noteSchema, baseVersion: baseVersionSchema });
const warningSchema = z.object({ code: z.string(), slotStart: z.string(), specialty: z.enum(specialtyValues), reason: z.enum(scheduleConflictReasons) });
const historySchema = z.object({ version: z.number(), createdBy: z.string(), createdAt: z.string(), note: z.string() });

/**
 * `/api/admin/schedule…`: the schedule in force, the shipped one and the history; checking a
 * schedule without publishing it; saving a new version (checked by parseSchedule, every problem
 * as `{path, message}`), rolling back, exporting a version's YAML. Behind the admin guard and
 * CSRF; every change is audited. A check and a save answer the upcoming bookings the new schedule
 * no longer offers (codes and slots only); they are kept. A save or rollback that names its
 * `baseVersion` is refused (409 CONFLICT) when another admin published meanwhile.
 */
export function scheduleRoutes(deps: ScheduleRoutesDeps): { router: Router; routes: Route[] } {
  const base = "/api/admin/schedule";
  const publish = async (req: Request, schedule: Schedule, note: string, baseVersion: number | null | undefined): Promise<FlowVersion> => deps.document.publish({
    yaml: toScheduleYaml(schedule), createdBy: staffUserOf(req).username, createdAt: deps.audit.now().toISOString(), note,
  }, { expected: baseVersion });
  const checked = (input: Record<string, unknown>): Schedule => {
    const parsed = parseSchedule(input);
    if (!parsed.ok) throw new DomainError("VALIDATION_FAILED", "the schedule has problems", parsed.problems);
    return parsed.schedule;
  };

  const guarded = { 401: "Not signed in", 403: "Not an admin, or no CSRF token" } as const;
  const conflict = "CONFLICT: baseVersion given and another version was published since; reload";
  const badSchedule = "Bad body or schedule; details lists {path, message}, holidays and closures named by date";
  const saved = {
    status: 200, schema: z.object({ version: z.number(), schedule: z.record(z.string(), z.unknown()), warnings: z.array(warningSchema) }),
    description: "Published and in force; warnings list upcoming bookings it no longer offers (kept; no names or phones)",
  } as const;

  return declareRoutes([
    /**
     * `version` is the store's published number, the base a save must name, even when that version
     * no longer parses: then the schedule in force (`inForce`, null for the shipped file) is shown
     * with `unreadable: true` and the problems, and a save or rollback from it replaces the bad one.
     */
    defineRoute({
      method: "get", path: base, summary: "The published schedule (version null = the shipped file) and its history",
      body: NO_BODY, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: {
        status: 200,
        description: "The published schedule (the baseVersion for saves), the shipped file's schedule (restore it by publishing it) and the history. When the published "
          + "version no longer parses: unreadable true, its problems, and the version in force instead (inForce, null = the shipped file), whose schedule is shown; a save or rollback naming version replaces it",
        schema: z.object({
          version: z.number().nullable(), schedule: scheduleSchema, shipped: scheduleSchema, history: z.array(historySchema),
          unreadable: z.literal(true).optional(), inForce: z.number().nullable().optional(), problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
        }),
      },
      problems: guarded,
      handle: async ({ res }) => {
        await deps.document.refresh();
        const [published, versions] = await Promise.all([deps.store.findPublishedNumber(SCHEDULE_DOCUMENT_ID), deps.store.listVersions(SCHEDULE_DOCUMENT_ID)]);
        const history = versions.map(({ version, createdBy, createdAt, note }) => ({ version, createdBy, createdAt, note }));
        const inForce = { schedule: deps.document.current(), shipped: deps.document.shipped(), history };
        res.setHeader("Cache-Control", "no-store");
        if (published === undefined) return { version: null, ...inForce };
        const stored = await deps.store.findVersion(SCHEDULE_DOCUMENT_ID, published);
        const parsed = stored ? parseScheduleYaml(stored.yaml) : { ok: false as const, problems: [{ path: "(schedule)", message: "the published version cannot be read" }] };
        if (parsed.ok) return { version: published, ...inForce, schedule: parsed.value };
        return { version: published, ...inForce, unreadable: true as const, inForce: deps.document.version() ?? null, problems: parsed.problems };
      },
    }),
    defineRoute({
      method: "post", path: `${base}/check`, summary: "Check a schedule without publishing it: its problems, or the upcoming bookings it would no longer offer",
      body: { schema: checkBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "Valid (problems is empty); nothing published", schema: z.object({ problems: z.array(z.object({ path: z.string(), message: z.string() })), warnings: z.array(warningSchema) }) },
      problems: { 400: "No body", 422: badSchedule, ...guarded },
      handle: async ({ body }) => {
        const schedule = checked(body.schedule);
        return { problems: [], warnings: await deps.bookings.conflictsWith(schedule) };
      },
    }),
    defineRoute({
      method: "put", path: base, summary: "Publish a new schedule (hours, holidays, closures, counsellors per specialty, policy)",
      body: { schema: saveBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: saved,
      problems: { 400: "No body", 409: conflict, 422: badSchedule, ...guarded },
      handle: async ({ body, req }) => {
        const schedule = checked(body.schedule);
        const published = await publish(req, schedule, body.note ?? "", body.baseVersion);
        const warnings = await deps.bookings.conflictsWith(schedule);
        await recordAudit(deps.audit, req, { action: "schedule.publish", recordType: "schedule", recordId: SCHEDULE_DOCUMENT_ID, detail: { version: published.version, warnings: warnings.length } });
        return { version: published.version, schedule, warnings };
      },
    }),
    defineRoute({
      method: "post", path: `${base}/rollback`, summary: "Republish an earlier version as a new version",
      body: { schema: rollbackBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: saved,
      problems: { 400: "No body", 404: "No such version", 409: conflict, 422: "Bad body", ...guarded },
      handle: async ({ body, req }) => {
        const earlier = await deps.store.findVersion(SCHEDULE_DOCUMENT_ID, body.version);
        if (!earlier) throw new DomainError("NOT_FOUND", "no such schedule version");
        const parsed = parseScheduleYaml(earlier.yaml);
        if (!parsed.ok) throw new DomainError("VALIDATION_FAILED", "that version no longer parses", parsed.problems);
        const published = await publish(req, parsed.value, body.note ?? `rollback to version ${body.version}`, body.baseVersion);
        const warnings = await deps.bookings.conflictsWith(parsed.value);
        await recordAudit(deps.audit, req, {
          action: "schedule.rollback", recordType: "schedule", recordId: SCHEDULE_DOCUMENT_ID, detail: { from: body.version, version: published.version, warnings: warnings.length },
        });
        return { version: published.version, schedule: parsed.value, warnings };
      },
    }),
    defineRoute({
      method: "get", path: `${base}/versions/{version}/export`, summary: "One version's YAML",
      body: NO_BODY, query: NO_QUERY,
      params: { schema: z.object({ version: z.coerce.number().int().min(1) }), invalid: () => new DomainError("NOT_FOUND", "no such schedule version") },
      success: { status: 200, description: "The schedule YAML", schema: NO_JSON, text: ["text/yaml"] },
      problems: { 404: "No such version", ...guarded },
      handle: async ({ params, req, res }) => {
        const version = await deps.store.findVersion(SCHEDULE_DOCUMENT_ID, params.version);
        if (!version) throw new DomainError("NOT_FOUND", "no such schedule version");
        await recordAudit(deps.audit, req, { action: "schedule.export", recordType: "schedule", recordId: SCHEDULE_DOCUMENT_ID, detail: { version: version.version } });
        res.setHeader("Content-Disposition", `attachment; filename="schedule.v${version.version}.yaml"`);
        return new TextAnswer("text/yaml", version.yaml);
      },
    }),
  ]);
}
