import type { NextFunction, Request, RequestHandler, Response } from "express";
import { DomainError } from "../../../bot/errors";
import type { StaffPrincipal, StaffRole, StaffSession } from "../../../bot/staff/staff-ports";
import type { StaffAuth } from "./staff-auth";
import { csrfTokenMatches, resumeSession } from "./staff-auth";

declare module "express-serve-static-core" {
  interface Request {
    /** The signed-in console user, set by the staff guard. */
    staffUser?: StaffPrincipal;
    staffSession?: StaffSession;
  }
}

/** The console session cookie (HttpOnly, SameSite=Strict, Path=/, Secure behind HTTPS). */
export const STAFF_COOKIE = "hb_staff";
export const CSRF_HEADER = "X-CSRF-Token";
const SAFE_METHODS = new Set(["GET", "HEAD"]);

export type StaffGuards = { staffOnly: RequestHandler; adminOnly: RequestHandler };

/**
 * The console's guards. `staffOnly` admits staff and admins, `adminOnly` admins only; both answer
 * 401 without a live session (none, unknown, idle past STAFF_IDLE_MINUTES, account disabled),
 * 403 FORBIDDEN for the wrong role, and 403 CSRF_FAILED when a request other than GET/HEAD lacks
 * the session's token in `X-CSRF-Token`. On success they set `req.staffUser`.
 */
export function requireStaff(auth: StaffAuth): StaffGuards {
  const guard = (roles: ReadonlyArray<StaffRole>): RequestHandler => async (req: Request, _res: Response, next: NextFunction) => {
    if (!req.staffUser || !req.staffSession) {
      const sessionId = readCookie(req, STAFF_COOKIE);
      const resumed = sessionId === undefined ? undefined : await resumeSession(auth, sessionId);
      if (!resumed) throw new DomainError("UNAUTHORIZED", "sign in first");
      req.staffUser = resumed.user;
      req.staffSession = resumed.session;
    }
    if (!roles.includes(req.staffUser.role)) throw new DomainError("FORBIDDEN", "not allowed for this role");
    if (!SAFE_METHODS.has(req.method) && !csrfTokenMatches(req.get(CSRF_HEADER), req.staffSession.csrfToken)) {
      throw new DomainError("CSRF_FAILED", "missing or wrong X-CSRF-Token");
    }
    next();
  };
  return { staffOnly: guard(["staff", "admin"]), adminOnly: guard(["admin"]) };
}

/** The signed-in user behind a guarded route; 401 if the route was somehow not guarded. */
export function staffUserOf(req: Request): StaffPrincipal {
  if (!req.staffUser) throw new DomainError("UNAUTHORIZED", "sign in first");
  return req.staffUser;
}

/** One cookie's value from the Cookie header (no cookie-parser needed for a single cookie). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return value.length > 0 && value.length <= 256 ? value : undefined;
    }
  }
  return undefined;
}
