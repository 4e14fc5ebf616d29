import type Database from "better-sqlite3";
import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredRecord } from "../parse-stored-record";
import { draftConflict, newDraftRevision, publishConflict } from "../publish-conflict";
import { storedFlowVersionSchema } from "../stored-flow-version-schema";

type Row = { flow_id: string; version: number; status: string; data: string };

/** Flow versions in the embedded SQLite file; the draft is row version 0. */
export class SqliteFlowVersionStore implements FlowVersionStore {
  private readonly one: Database.Statement<[string, number], Row>;
  private readonly numbered: Database.Statement<[string], Row>;
  private readonly published: Database.Statement<[string], { version: number }>;
  private readonly upsert: Database.Statement<[string, number, string, string]>;
  private readonly remove: Database.Statement<[string, number]>;
  private readonly archiveRow: Database.Statement<[string, number]>;
  private readonly publishTx: Database.Transaction<(input: FlowVersionInput, dropDraft: boolean, expected: number | null | undefined, dropRevision: string | null | undefined) => FlowVersion>;
  private readonly saveDraftTx: Database.Transaction<(draft: FlowVersion, expected: string | null) => void>;
  private readonly seedTx: Database.Transaction<(input: FlowVersionInput) => void>;

  constructor(private readonly db: Database.Database, private readonly reportCorrupt: CorruptRecordReporter) {
    this.one = db.prepare("SELECT flow_id, version, status, data FROM flow_versions WHERE flow_id = ? AND version = ?");
    this.numbered = db.prepare("SELECT flow_id, version, status, data FROM flow_versions WHERE flow_id = ? AND version > 0 ORDER BY version");
    this.published = db.prepare("SELECT version FROM flow_versions WHERE flow_id = ? AND status = 'published' ORDER BY version DESC LIMIT 1");
    this.upsert = db.prepare("INSERT INTO flow_versions (flow_id, version, status, data) VALUES (?, ?, ?, ?) ON CONFLICT(flow_id, version) DO UPDATE SET status = excluded.status, data = excluded.data");
    this.remove = db.prepare("DELETE FROM flow_versions WHERE flow_id = ? AND version = ?");
    this.archiveRow = db.prepare("UPDATE flow_versions SET status = 'archived' WHERE flow_id = ? AND version = ?");
    this.publishTx = db.transaction((input: FlowVersionInput, dropDraft: boolean, expected: number | null | undefined, dropRevision: string | null | undefined) => {
      const current = this.published.get(input.flowId)?.version ?? null;
      if (expected !== undefined && expected !== current) throw publishConflict(current);
      // Numbers and statuses come from the columns: a row whose JSON does not parse is archived, never overwritten.
      const rows = this.numbered.all(input.flowId);
      for (const row of rows.filter((r) => r.status === "published")) {
        const old = this.parse(row);
        if (old) this.write({ ...old, status: "archived" });
        else this.archiveRow.run(row.flow_id, row.version);
      }
      const { flowId, yaml, texts, createdBy, createdAt, note } = input;
      const next: FlowVersion = { flowId, yaml, texts, createdBy, createdAt, note, version: Math.max(0, ...rows.map((r) => r.version)) + 1, status: "published" };
      this.write(next);
      if (dropDraft && (dropRevision === undefined || this.draftRevision(flowId) === dropRevision)) this.remove.run(flowId, 0);
      return next;
    });
    this.saveDraftTx = db.transaction((draft: FlowVersion, expected: string | null) => {
      const current = this.draftRevision(draft.flowId);
      if (current !== expected) throw draftConflict(current);
      this.write(draft);
    });
    this.seedTx = db.transaction((input: FlowVersionInput) => {
      if (this.numbered.all(input.flowId).length === 0) this.write({ ...input, version: 1, status: "published" });
    });
  }

  async findDraft(flowId: string): Promise<FlowVersion | undefined> {
    return this.parse(this.one.get(flowId, 0));
  }

  async saveDraft(draft: FlowVersionInput, expectedRevision?: string | null): Promise<FlowVersion> {
    const saved: FlowVersion = { ...draft, version: 0, status: "draft", revision: newDraftRevision() };
    // IMMEDIATE: another process sharing the file cannot write between the check and the save.
    if (expectedRevision === undefined) this.write(saved);
    else this.saveDraftTx.immediate(saved, expectedRevision);
    return saved;
  }

  async listVersions(flowId: string): Promise<FlowVersion[]> {
    return this.numbered.all(flowId).flatMap((row) => this.parse(row) ?? []);
  }

  async findVersion(flowId: string, version: number): Promise<FlowVersion | undefined> {
    return version > 0 ? this.parse(this.one.get(flowId, version)) : undefined;
  }

  async findPublishedNumber(flowId: string): Promise<number | undefined> {
    return this.published.get(flowId)?.version;
  }

  async publishVersion(input: FlowVersionInput, dropDraft: boolean, expectedPublished?: number | null, dropDraftRevision?: string | null): Promise<FlowVersion> {
    // IMMEDIATE: the write lock is taken before the reads, so another process sharing the file cannot publish in between.
    return this.publishTx.immediate(input, dropDraft, expectedPublished, dropDraftRevision);
  }

  async seedVersion(input: FlowVersionInput): Promise<void> {
    this.seedTx.immediate(input);
  }

  /** The draft's revision; null when there is no draft or it has none (saved before revisions). */
  private draftRevision(flowId: string): string | null {
    return this.parse(this.one.get(flowId, 0))?.revision ?? null;
  }

  private write(version: FlowVersion): void {
    this.upsert.run(version.flowId, version.version, version.status, JSON.stringify(version));
  }

  private parse(row: Row | undefined): FlowVersion | undefined {
    return row && parseStoredRecord(storedFlowVersionSchema, row.data, { store: "sqlite", key: `flow_versions:${row.flow_id}:${row.version}` }, this.reportCorrupt);
  }
}
