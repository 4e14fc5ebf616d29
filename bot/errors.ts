/** Every error the domain raises on purpose; the HTTP edge maps each code to a status. */
export type DomainErrorCode =
  | "MALFORMED_JSON" | "BODY_REQUIRED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "VALIDATION_FAILED"
  | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "SESSION_NOT_FOUND" | "CONFLICT" | "SLOT_TAKEN"
  | "ACTIVE_BOOKING_EXISTS" | "BOOKING_NOT_CHANGEABLE" | "RATE_LIMITED" | "DEPENDENCY_UNAVAILABLE" | "INTERNAL"
  | "CSRF_FAILED" | "PRECONDITION_FAILED" | "RANGE_NOT_SATISFIABLE";

export type ProblemDetail = { path: string; message: string };

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DomainError";
  }
}
