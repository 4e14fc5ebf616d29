import { DomainError } from "../../bot/errors";

/** Another version was published since the caller read the one it changed (409 through the error funnel). */
export function publishConflict(published: number | null): DomainError {
  return new DomainError("CONFLICT", "another version was published meanwhile; reload and try again", { published });
}
