import type { CookieOptions, Request, Router } from "express";
import { z } from "zod";
import { DomainError } from "../../../bot/errors";
import type { Route } from "../../http/define-route";
import { NO_BODY, NO_CONTENT, NO_PARAMS, NO_QUERY, declareRoutes, defineRoute } from "../../http/define-route";
import type { AuditDeps } from "../audit/record-audit";
import { appendAudit, recordAudit } from "../audit/record-audit";
import { readCookie, STAFF_COOKIE, staffUserOf } from "./require-staff";
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
export function staffLoginRoutes(deps: StaffAuthRouteDeps): { router: Router; routes: Route[] } {
  return declareRoutes([
    defineRoute({
      method: "post", path: "/api/staff/login", summary: "Console sign-in: sets the hb_staff cookie (HttpOnly, SameSite=Strict)",
      body: { schema: loginBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "Signed in; send csrfToken as X-CSRF-Token on every state-changing request", schema: sessionAnswerSchema },
      problems: {
        401: "Wrong username or password, or the account is locked for this address (5 failures: 15 minutes) or disabled",
        422: "Missing fields", 429: "Too many failed logins from this address",
      },
      handle: async ({ body, req, res }) => {
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
        return { user: result.user, csrfToken: result.session.csrfToken };
      },
    }),
  ]);
}

/** `GET /api/staff/me` and `POST /api/staff/logout`; mount after the staff guard. */
export function staffSessionRoutes(deps: StaffAuthRouteDeps): { router: Router; routes: Route[] } {
  return declareRoutes([
    defineRoute({
      method: "get", path: "/api/staff/me", summary: "The signed-in user and the session's CSRF token",
      body: NO_BODY, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "Signed in", schema: sessionAnswerSchema },
      problems: { 401: "No live session" },
      handle: async ({ req, res }) => {
        res.setHeader("Cache-Control", "no-store");
        return { user: staffUserOf(req), csrfToken: req.staffSession?.csrfToken ?? "" };
      },
    }),
    defineRoute({
      method: "post", path: "/api/staff/logout", summary: "Ends the session and clears the cookie (send X-CSRF-Token)",
      body: NO_BODY, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 204, description: "Signed out", schema: NO_CONTENT },
      problems: { 401: "No live session", 403: "CSRF_FAILED" },
      handle: async ({ req, res }) => {
        const user = staffUserOf(req);
        if (req.staffSession) await deps.auth.sessions.deleteStaffSession(req.staffSession.id);
        await recordAudit(deps.audit, req, { action: "staff.logout", recordType: "staff_user", recordId: user.id });
        res.clearCookie(STAFF_COOKIE, cookieOptions(req));
        return undefined;
      },
    }),
  ]);
}

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: "strict", path: "/", secure: req.secure };
}
