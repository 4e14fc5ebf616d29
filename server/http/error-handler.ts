import type { ErrorRequestHandler, Request } from "express";
import { z } from "zod";
import type { DomainErrorCode } from "../../bot/errors";
import { DomainError } from "../../bot/errors";
import type { Logger } from "../logging/create-logger";
import { requestLang, translatorOf } from "./request-context";
import { isStoreUnavailable } from "./store-unavailable";

const statusOf: Record<DomainErrorCode, number> = {
  MALFORMED_JSON: 400, BODY_REQUIRED: 400, PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, VALIDATION_FAILED: 422,
  UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, SESSION_NOT_FOUND: 404, CONFLICT: 409, SLOT_TAKEN: 409,
  ACTIVE_BOOKING_EXISTS: 409, BOOKING_NOT_CHANGEABLE: 409, RATE_LIMITED: 429, DEPENDENCY_UNAVAILABLE: 503, INTERNAL: 500,
  CSRF_FAILED: 403, PRECONDITION_FAILED: 412, RANGE_NOT_SATISFIABLE: 416,
};

/** Retry-After seconds for the statuses that promise one. */
const RETRY_AFTER_SECONDS = { 429: 60, 503: 5 } as const;

/**
 * The one error funnel: every error becomes the contract's body
 * `{error: {code, message, details?}}` in the request's language. Anything that is not a
 * DomainError or a known parser error is a bug: logged with its stack and answered 500.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const domain = toDomainError(error);
    const status = statusOf[domain.code];
    const log = req.log ?? logger;
    if (status >= 500 && domain.code !== "DEPENDENCY_UNAVAILABLE") log.error({ err: error, route: req.route?.path }, "unhandled error");
    else log.info({ code: domain.code, status }, "request refused");
    if (res.headersSent) return;
    // A file's headers set before the refusal (send sets them first) do not describe this answer.
    for (const name of ["Content-Type", "ETag", "Last-Modified", "Accept-Ranges"]) res.removeHeader(name);
    const contentRange = domain.code === "RANGE_NOT_SATISFIABLE" ? sendErrorSchema.safeParse(domain.cause).data?.headers?.["Content-Range"] : undefined;
    if (contentRange !== undefined) res.setHeader("Content-Range", contentRange);
    if (status === 429 || status === 503) {
      if (!res.getHeader("Retry-After")) res.setHeader("Retry-After", String(retryAfterOf(domain.details) ?? RETRY_AFTER_SECONDS[status]));
    }
    const t = translatorOf(req);
    const lang = requestLang(req);
    const message = t ? t.forLang(lang)(`errors.${domain.code}`) : domain.message;
    res.status(status).json({ error: { code: domain.code, message, ...(domain.details !== undefined ? { details: domain.details } : {}) } });
  };
}

/** A budget's own wait (request-budget.ts), when the error names one. */
function retryAfterOf(details: unknown): number | undefined {
  const parsed = z.object({ retryAfterSeconds: z.number().int().min(1) }).safeParse(details);
  return parsed.success ? parsed.data.retryAfterSeconds : undefined;
}

/** What body-parser attaches to its errors. */
const parserErrorSchema = z.object({ type: z.string().optional(), status: z.number().optional() }).loose();
/** What `send` (express.static, res.sendFile) attaches to its refusals: the status, and Content-Range on a 416. */
const sendErrorSchema = z.object({ status: z.number(), expose: z.literal(true), headers: z.record(z.string(), z.string()).optional() }).loose();
/** Refusals of `send` for a static file, by status; anything else it throws stays a bug. */
const staticRefusals: Partial<Record<number, DomainErrorCode>> = { 403: "FORBIDDEN", 404: "NOT_FOUND", 412: "PRECONDITION_FAILED", 416: "RANGE_NOT_SATISFIABLE" };

function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof z.ZodError) return validationError(error);
  // A store out of reach is no bug of ours: 503 with Retry-After on every route, logged once as a refusal.
  if (isStoreUnavailable(error)) return new DomainError("DEPENDENCY_UNAVAILABLE", "store unavailable", undefined, { cause: error });
  const parsed = parserErrorSchema.safeParse(error);
  if (parsed.success && error instanceof Error) {
    const { type, status } = parsed.data;
    if (type === "entity.parse.failed") return new DomainError("MALFORMED_JSON", "malformed JSON");
    if (type === "entity.too.large" || status === 413) return new DomainError("PAYLOAD_TOO_LARGE", "body too large");
    if (type === "charset.unsupported" || type === "encoding.unsupported" || status === 415) return new DomainError("UNSUPPORTED_MEDIA_TYPE", "unsupported content type");
    if (status === 400) return new DomainError("MALFORMED_JSON", "malformed request");
  }
  const refused = sendErrorSchema.safeParse(error);
  const code = refused.success ? staticRefusals[refused.data.status] : undefined;
  if (refused.success && code !== undefined) return new DomainError(code, "static file refused", undefined, { cause: error });
  return new DomainError("INTERNAL", "internal error");
}

/** A zod failure as 422 with one `{path, message}` per problem. */
export function validationError(error: z.ZodError): DomainError {
  return new DomainError("VALIDATION_FAILED", "invalid request", error.issues.flatMap((issue) => {
    const at = (path: PropertyKey[]) => path.map(String).join(".") || "(body)";
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: at([...issue.path, key]), message: "unknown field" }));
    return [{ path: at(issue.path), message: issue.message }];
  }));
}

export function notFoundHandler(req: Request): never {
  throw new DomainError("NOT_FOUND", `no route ${req.method} ${req.path}`);
}
