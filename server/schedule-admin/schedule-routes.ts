import type { Request } from "express";
import { Router } from "express";
import { z } from "zod";
import { scheduleConflictReasons } from "../../bot/booking/compute-schedule-conflicts";
import { DomainError } from "../../bot/errors";
import type { FlowVersion, FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import { specialtyValues } from "../../flows/schema/catalog";
import { parseSchedule } from "../../flows/load-schedule";
import type { Schedule } from "../../flows/schema/schedule";
import type { VersionedDocument } from "../admin-documents/versioned-document";
import type { BookingService } from "../booking/booking-service";
import { parseBody } from "../http/json-body";
import type { RegisterPaths } from "../openapi/build-openapi";
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
export function scheduleRoutes(deps: ScheduleRoutesDeps): Router {
  const router = Router();
  const base = "/api/admin/schedule";
  const publish = async (req: Request, schedule: Schedule, note: string, baseVersion: number | null | undefined): Promise<FlowVersion> => deps.document.publish({
    yaml: toScheduleYaml(schedule), createdBy: staffUserOf(req).username, createdAt: deps.audit.now().toISOString(), note,
  }, { expected: baseVersion });
  const checked = (input: Record<string, unknown>): Schedule => {
    const parsed = parseSchedule(input);
    if (!parsed.ok) throw new DomainError("VALIDATION_FAILED", "the schedule has problems", parsed.problems);
    return parsed.schedule;
  };

  /**
   * `version` is the store's published number, the base a save must name, even when that version
   * no longer parses: then the schedule in force (`inForce`, null for the shipped file) is shown
   * with `unreadable: true` and the problems, and a save or rollback from it replaces the bad one.
   */
  router.get(base, async (_req, res) => {
    await deps.document.refresh();
    const [published, versions] = await Promise.all([deps.store.findPublishedNumber(SCHEDULE_DOCUMENT_ID), deps.store.listVersions(SCHEDULE_DOCUMENT_ID)]);
    const history = versions.map(({ version, createdBy, createdAt, note }) => ({ version, createdBy, createdAt, note }));
    const inForce = { schedule: deps.document.current(), shipped: deps.document.shipped(), history };
    res.setHeader("Cache-Control", "no-store");
    if (published === undefined) return void res.json({ version: null, ...inForce });
    const stored = await deps.store.findVersion(SCHEDULE_DOCUMENT_ID, published);
    const parsed = stored ? parseScheduleYaml(stored.yaml) : { ok: false as const, problems: [{ path: "(schedule)", message: "the published version cannot be read" }] };
    if (parsed.ok) return void res.json({ version: published, ...inForce, schedule: parsed.value });
    res.json({ version: published, ...inForce, unreadable: true, inForce: deps.document.version() ?? null, problems: parsed.problems });
  });

  router.post(`${base}/check`, async (req, res) => {
    const schedule = checked(parseBody(checkBodySchema, req.body).schedule);
    res.json({ problems: [], warnings: await deps.bookings.conflictsWith(schedule) });
  });

  router.put(base, async (req, res) => {
    const body = parseBody(saveBodySchema, req.body);
    const schedule = checked(body.schedule);
    const published = await publish(req, schedule, body.note ?? "", body.baseVersion);
    const warnings = await deps.bookings.conflictsWith(schedule);
    await recordAudit(deps.audit, req, { action: "schedule.publish", recordType: "schedule", recordId: SCHEDULE_DOCUMENT_ID, detail: { version: published.version, warnings: warnings.length } });
    res.json({ version: published.version, schedule, warnings });
  });

  router.post(`${base}/rollback`, async (req, res) => {
    const body = parseBody(rollbackBodySchema, req.body);
    const earlier = await deps.store.findVersion(SCHEDULE_DOCUMENT_ID, body.version);
    if (!earlier) throw new DomainError("NOT_FOUND", "no such schedule version");
    const parsed = parseScheduleYaml(earlier.yaml);
    if (!parsed.ok) throw new DomainError("VALIDATION_FAILED", "that version no longer parses", parsed.problems);
    const published = await publish(req, parsed.value, body.note ?? `rollback to version ${body.version}`, body.baseVersion);
    const warnings = await deps.bookings.conflictsWith(parsed.value);
    await recordAudit(deps.audit, req, {
      action: "schedule.rollback", recordType: "schedule", recordId: SCHEDULE_DOCUMENT_ID, detail: { from: body.version, version: published.version, warnings: warnings.length },
    });
    res.json({ version: published.version, schedule: parsed.value, warnings });
  });

  router.get(`${base}/versions/:version/export`, async (req, res) => {
    const number = z.coerce.number().int().min(1).safeParse(req.params.version);
    const version = number.success ? await deps.store.findVersion(SCHEDULE_DOCUMENT_ID, number.data) : undefined;
    if (!version) throw new DomainError("NOT_FOUND", "no such schedule version");
    await recordAudit(deps.audit, req, { action: "schedule.export", recordType: "schedule", recordId: SCHEDULE_DOCUMENT_ID, detail: { version: version.version } });
    res.setHeader("Content-Disposition", `attachment; filename="schedule.v${version.version}.yaml"`);
    res.type("text/yaml; charset=utf-8").send(version.yaml);
  });
  return router;
}

export const registerSchedulePaths: RegisterPaths = (registry, errors) => {
  const problem = (description: string) => ({ description, content: { "application/json": { schema: errors } } });
  const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
  const body = <S extends z.ZodType>(schema: S) => ({ body: { required: true, content: { "application/json": { schema } } } });
  const guarded = { 401: problem("Not signed in"), 403: problem("Not an admin, or no CSRF token") };
  const conflict = { 409: problem("CONFLICT: baseVersion given and another version was published since; reload") };
  const saved = json(z.object({ version: z.number(), schedule: z.record(z.string(), z.unknown()), warnings: z.array(warningSchema) }),
    "Published and in force; warnings list upcoming bookings it no longer offers (kept; no names or phones)");
  const base = "/api/admin/schedule";
  registry.registerPath({ method: "get", path: base, summary: "The published schedule (version null = the shipped file) and its history",
    responses: { 200: json(z.object({
      version: z.number().nullable(), schedule: scheduleSchema, shipped: scheduleSchema, history: z.array(historySchema),
      unreadable: z.literal(true).optional(), inForce: z.number().nullable().optional(), problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }), "The published schedule (the baseVersion for saves), the shipped file's schedule (restore it by publishing it) and the history. When the published "
      + "version no longer parses: unreadable true, its problems, and the version in force instead (inForce, null = the shipped file), whose schedule is shown; a save or rollback naming version replaces it"), ...guarded } });
  const badSchedule = problem("Bad body or schedule; details lists {path, message}, holidays and closures named by date");
  registry.registerPath({ method: "post", path: `${base}/check`, summary: "Check a schedule without publishing it: its problems, or the upcoming bookings it would no longer offer",
    request: body(checkBodySchema), responses: { 200: json(z.object({ problems: z.array(z.object({ path: z.string(), message: z.string() })), warnings: z.array(warningSchema) }), "Valid (problems is empty); nothing published"),
      400: problem("No body"), 422: badSchedule, ...guarded } });
  registry.registerPath({ method: "put", path: base, summary: "Publish a new schedule (hours, holidays, closures, counsellors per specialty, policy)",
    request: body(saveBodySchema), responses: { 200: saved, 400: problem("No body"), 422: badSchedule, ...conflict, ...guarded } });
  registry.registerPath({ method: "post", path: `${base}/rollback`, summary: "Republish an earlier version as a new version", request: body(rollbackBodySchema),
    responses: { 200: saved, 400: problem("No body"), 404: problem("No such version"), 422: problem("Bad body"), ...conflict, ...guarded } });
  registry.registerPath({ method: "get", path: `${base}/versions/{version}/export`, summary: "One version's YAML", request: { params: z.object({ version: z.string() }) },
    responses: { 200: { description: "The schedule YAML", content: { "text/yaml": { schema: z.string() } } }, 404: problem("No such version"), ...guarded } });
};
