import { randomBytes } from "node:crypto";
import { DomainError } from "../../bot/errors";

/** Another version was published since the caller read the one it changed (409 through the error funnel). */
export function publishConflict(published: number | null): DomainError {
  return new DomainError("CONFLICT", "another version was published meanwhile; reload and try again", { published });
}

/** Another admin saved the draft since the caller read it (409 through the error funnel); `revision` is the draft's now, or null. */
export function draftConflict(revision: string | null): DomainError {
  return new DomainError("CONFLICT", "another admin saved this draft meanwhile; reload to see it", { revision });
}

/** A new draft revision: 16 random bytes, base64url (opaque to callers). */
export function newDraftRevision(): string {
  return randomBytes(16).toString("base64url");
}
