import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import type { Logger } from "../logging/create-logger";

export type DocumentProblem = { path: string; message: string };
export type DocumentParseResult<T> = { ok: true; value: T } | { ok: false; problems: DocumentProblem[] };

export type PublishedDocumentDeps<T> = {
  /** The versioned store flows use; documents live beside them under their own id ("rules", "schedule"). */
  store: FlowVersionStore;
  id: string;
  /** What the process shipped with; in force until an admin publishes a version. */
  shipped: T;
  /** Reads a stored version's YAML (and its number); a version that no longer parses is logged and skipped. */
  parse: (yaml: string, version: number) => DocumentParseResult<T>;
  logger: Logger;
};

/**
 * An admin-edited document (the rule parameters, the schedule) kept as published versions in the
 * flow version store: `current()` is the newest published version this instance has loaded, or
 * the shipped value before any publish. `refresh` (polled on Redis, and after each publish) picks
 * up a version published by another instance; it never throws, so a store outage keeps the
 * value in force.
 */
export class PublishedDocument<T> {
  private value: T;
  private loaded: number | undefined;
  /** A stored version that did not parse: not read (nor logged) again on every poll. */
  private rejected: number | undefined;

  constructor(private readonly deps: PublishedDocumentDeps<T>) {
    this.value = deps.shipped;
  }

  get id(): string {
    return this.deps.id;
  }

  /** Without I/O: what is in force on this instance now. */
  current(): T {
    return this.value;
  }

  /** What the process shipped with (an admin may restore it by publishing it again). */
  shipped(): T {
    return this.deps.shipped;
  }

  /** The published version number in force, or undefined while the shipped value is. */
  version(): number | undefined {
    return this.loaded;
  }

  async refresh(): Promise<void> {
    try {
      const number = await this.deps.store.findPublishedNumber(this.deps.id);
      if (number === undefined || number === this.loaded || number === this.rejected) return;
      const stored = await this.deps.store.findVersion(this.deps.id, number);
      if (stored) this.activate(stored);
    } catch (error) {
      this.deps.logger.warn({ err: error, document: this.deps.id }, "published document unavailable; keeping the current one");
    }
  }

  /**
   * Publishes `input` as the next version (the caller has checked it) and takes it into use at
   * once. With `expected` (the published number the change was based on, null for none) another
   * admin's publish in between is a CONFLICT instead of being overwritten unseen.
   */
  async publish(input: Omit<FlowVersionInput, "flowId" | "texts">, expected?: number | null): Promise<FlowVersion> {
    const published = await this.deps.store.publishVersion({ ...input, flowId: this.deps.id, texts: {} }, true, expected);
    this.activate(published);
    return published;
  }

  /** Takes a stored version into use; false (and the current value kept) when it does not parse. */
  activate(version: FlowVersion): boolean {
    const parsed = this.deps.parse(version.yaml, version.version);
    if (!parsed.ok) {
      this.rejected = version.version;
      this.deps.logger.warn({ document: this.deps.id, version: version.version, problems: parsed.problems.length }, "stored document version does not parse");
      return false;
    }
    if (this.loaded !== undefined && version.version < this.loaded) return true;
    this.value = parsed.value;
    this.loaded = version.version;
    return true;
  }

  /** Polls the store (several instances share Redis); returns the stop function. */
  startPolling(seconds: number): () => void {
    const timer = setInterval(() => void this.refresh(), seconds * 1000);
    timer.unref();
    return () => clearInterval(timer);
  }
}
