import type { CookieOptions, Request, Response } from "express";
import { Router } from "express";
import { z } from "zod";
import { DomainError } from "../../../bot/errors";
import { parseBody } from "../../http/json-body";
import type { RegisterPaths } from "../../openapi/build-openapi";
import type { AuditDeps } from "../audit/record-audit";
import { appendAudit, recordAudit } from "../audit/record-audit";
import { CSRF_HEADER, readCookie, STAFF_COOKIE, staffUserOf } from "./require-staff";
import type { StaffAuth } from "./staff-auth";
import { logIn } from "./staff-auth";

export const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
const principalSchema = z.object({ id: z.string(), username: z.string(), role: z.enum(["staff", "admin"]) });
const sessionAnswerSchema = z.object({ user: principalSchema, csrfToken: z.string() });

export type StaffAuthRouteDeps = { auth: StaffAuth; audit: AuditDeps };

/**
 * `POST /api/staff/login`, the one /api/staff path open to anonymous callers: mount it before
 * the staff guard. Every refusal is the same 401 (unknown name, wrong password, locked or
 * disabled account), after the same work; a client IP past STAFF_LOGIN_FAILURES_PER_IP failures
 * gets 429 for its failures, while a right password still signs in (staff share a NATed address).
 */
export function staffLoginRoutes(deps: StaffAuthRouteDeps): Router {
  const router = Router();
  router.post("/api/staff/login", async (req, res) => {
    const body = parseBody(loginBodySchema, req.body);
    const result = await logIn(deps.auth, body.username, body.password, req.ip ?? "unknown");
    res.setHeader("Cache-Control", "no-store");
    if (!result.ok) {
      req.log?.info({ reason: result.reason, ipOverLimit: result.ipOverLimit }, "staff login refused");
      if (result.ipOverLimit) {
        res.setHeader("Retry-After", String(result.retryAfterSeconds));
        throw new DomainError("RATE_LIMITED", "too many failed logins");
      }
      throw new DomainError("UNAUTHORIZED", "wrong username or password");
    }
    const previous = readCookie(req, STAFF_COOKIE);
    if (previous !== undefined) await deps.auth.sessions.deleteStaffSession(previous);
    await appendAudit(deps.audit, result.user, { action: "staff.login", recordType: "staff_user", recordId: result.user.id });
    res.cookie(STAFF_COOKIE, result.session.id, cookieOptions(req));
    res.json({ user: result.user, csrfToken: result.session.csrfToken });
  });
  return router;
}

/** `GET /api/staff/me` and `POST /api/staff/logout`; mount after the staff guard. */
export function staffSessionRoutes(deps: StaffAuthRouteDeps): Router {
  const router = Router();
  router.get("/api/staff/me", (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json({ user: staffUserOf(req), csrfToken: req.staffSession?.csrfToken });
  });
  router.post("/api/staff/logout", async (req: Request, res: Response) => {
    const user = staffUserOf(req);
    if (req.staffSession) await deps.auth.sessions.deleteStaffSession(req.staffSession.id);
    await recordAudit(deps.audit, req, { action: "staff.logout", recordType: "staff_user", recordId: user.id });
    res.clearCookie(STAFF_COOKIE, cookieOptions(req));
    res.status(204).end();
  });
  return router;
}

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: "strict", path: "/", secure: req.secure };
}

export const registerStaffAuthPaths: RegisterPaths = (registry, errors) => {
  const problem = (description: string) => ({ description, content: { "application/json": { schema: errors } } });
  const csrf = z.object({ [CSRF_HEADER]: z.string() });
  registry.registerPath({
    method: "post", path: "/api/staff/login", summary: "Console sign-in: sets the hb_staff cookie (HttpOnly, SameSite=Strict)",
    request: { body: { required: true, content: { "application/json": { schema: loginBodySchema } } } },
    responses: {
      200: { description: "Signed in; send csrfToken as X-CSRF-Token on every state-changing request", content: { "application/json": { schema: sessionAnswerSchema } } },
      401: problem("Wrong username or password, or the account is locked (5 failures: 15 minutes) or disabled"),
      422: problem("Missing fields"), 429: problem("Too many failed logins from this address"),
    },
  });
  registry.registerPath({
    method: "get", path: "/api/staff/me", summary: "The signed-in user and the session's CSRF token",
    responses: { 200: { description: "Signed in", content: { "application/json": { schema: sessionAnswerSchema } } }, 401: problem("No live session") },
  });
  registry.registerPath({
    method: "post", path: "/api/staff/logout", summary: "Ends the session and clears the cookie",
    request: { headers: csrf },
    responses: { 204: { description: "Signed out" }, 401: problem("No live session"), 403: problem("CSRF_FAILED") },
  });
};
