import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import type { Logger } from "../logging/create-logger";

export type DocumentProblem = { path: string; message: string };
export type DocumentParseResult<T> = { ok: true; value: T } | { ok: false; problems: DocumentProblem[] };

export type VersionedDocumentDeps<T> = {
  /** The versioned store every admin document lives in, under its own id ("default", "rules", "schedule"). */
  store: FlowVersionStore;
  id: string;
  /** What the process shipped with; in force until an admin publishes a version. */
  shipped: T;
  /** Builds a stored version (YAML, texts, number) into its value; one that does not build is logged and skipped. */
  parse: (version: FlowVersion) => DocumentParseResult<T>;
  logger: Logger;
  /** Stored as version 1 when the document has no version yet (the flow); several instances may race, the store keeps one. */
  seed?: () => FlowVersionInput;
};

export type PublishOptions = { expected?: number | null; dropDraft?: boolean; draftRevision?: string | null };

/**
 * One admin-edited document — a flow, the rule parameters or the schedule — as numbered versions
 * in the versioned store, with every version this instance has built kept by number (a
 * conversation keeps the flow version it began on). `current()` is the newest published version
 * taken into use, or the shipped value before any publish. `refresh` takes up a version another
 * instance published (on a notification, a poll, or at start); it never throws, so a store
 * outage keeps the value in force. `publish` takes the new version into use at once and tells
 * `onPublished` listeners, which announce it to the other instances.
 */
export class VersionedDocument<T> {
  private readonly built = new Map<number, T>();
  private loaded: number | undefined;
  /** A stored version that did not build: not read (nor logged) again on every poll. */
  private rejected: number | undefined;
  private seeded = false;
  private readonly published: ((id: string) => void)[] = [];
  private readonly applied: ((id: string, version: number) => void)[] = [];

  constructor(private readonly deps: VersionedDocumentDeps<T>) {}

  get id(): string {
    return this.deps.id;
  }

  /** Without I/O: what is in force on this instance now. */
  current(): T {
    return (this.loaded === undefined ? undefined : this.built.get(this.loaded)) ?? this.deps.shipped;
  }

  /** What the process shipped with (an admin may restore it by publishing it again). */
  shipped(): T {
    return this.deps.shipped;
  }

  /** The published version number in force, or undefined while the shipped value is. */
  version(): number | undefined {
    return this.loaded;
  }

  /** Without I/O: version `number` when built here, else the value in force. */
  peek(number: number): T {
    return this.built.get(number) ?? this.current();
  }

  /** Version `number`, built on first use; the value in force when it is unknown or does not build. */
  async forVersion(number: number): Promise<T> {
    const known = this.built.get(number);
    if (known !== undefined) return known;
    try {
      const stored = await this.deps.store.findVersion(this.deps.id, number);
      if (stored) return this.build(stored) ?? this.current();
    } catch (error) {
      this.deps.logger.warn({ err: error, document: this.deps.id, version: number }, "document version not loadable; using the one in force");
    }
    return this.current();
  }

  /** Seeds the store once (when `seed` is given), then takes up the published version when it changed. Never throws. */
  async refresh(): Promise<void> {
    try {
      await this.load();
    } catch (error) {
      this.deps.logger.warn({ err: error, document: this.deps.id }, "published document unavailable; keeping the current one");
    }
  }

  /**
   * What `refresh` does, but a store failure is thrown: start-up loads every document this way, so
   * an instance never serves the shipped value while an admin's published version is unreadable.
   */
  async load(): Promise<void> {
    if (this.deps.seed && !this.seeded) {
      await this.deps.store.seedVersion(this.deps.seed());
      this.seeded = true;
    }
    const number = await this.deps.store.findPublishedNumber(this.deps.id);
    if (number === undefined || number === this.loaded || number === this.rejected) return;
    const stored = await this.deps.store.findVersion(this.deps.id, number);
    if (!stored) throw new Error(`published version ${number} of ${this.deps.id} not found`);
    this.activate(stored);
  }

  /**
   * Publishes `input` as the next version (the caller ran the gate) and takes it into use at once.
   * With `expected` (the published number the change was based on, null for none) another admin's
   * publish in between is a CONFLICT instead of being overwritten unseen. The draft is dropped
   * unless `dropDraft` is false (a rollback), and only while it is still `draftRevision` when that
   * is given.
   */
  async publish(input: Omit<FlowVersionInput, "flowId" | "texts"> & { texts?: FlowVersionInput["texts"] }, options: PublishOptions = {}): Promise<FlowVersion> {
    const published = await this.deps.store.publishVersion({ ...input, texts: input.texts ?? {}, flowId: this.deps.id }, options.dropDraft ?? true, options.expected, options.draftRevision);
    this.activate(published);
    for (const listener of this.published) listener(this.deps.id);
    return published;
  }

  /** Takes a stored version into use; false (and the current value kept) when it does not build. */
  activate(version: FlowVersion): boolean {
    const value = this.build(version);
    if (value === undefined) {
      this.rejected = version.version;
      return false;
    }
    if (this.loaded !== undefined && version.version < this.loaded) return true;
    this.loaded = version.version;
    for (const listener of this.applied) listener(this.deps.id, version.version);
    return true;
  }

  /** Listens for this instance's publishes (to announce them to the others). */
  onPublished(listener: (id: string) => void): void {
    this.published.push(listener);
  }

  /** Listens for every version taken into use here, published here or elsewhere. */
  onApplied(listener: (id: string, version: number) => void): void {
    this.applied.push(listener);
  }

  /** Polls the store (the fallback behind publish notifications); returns the stop function. */
  startPolling(seconds: number): () => void {
    const timer = setInterval(() => void this.refresh(), seconds * 1000);
    timer.unref();
    return () => clearInterval(timer);
  }

  private build(version: FlowVersion): T | undefined {
    const known = this.built.get(version.version);
    if (known !== undefined) return known;
    const parsed = this.deps.parse(version);
    if (!parsed.ok) {
      this.deps.logger.warn({ document: this.deps.id, version: version.version, problems: parsed.problems.length }, "stored document version does not build");
      return undefined;
    }
    this.built.set(version.version, parsed.value);
    return parsed.value;
  }
}
