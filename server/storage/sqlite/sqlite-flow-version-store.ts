import type Database from "better-sqlite3";
import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredRecord } from "../parse-stored-record";
import { publishConflict } from "../publish-conflict";
import { storedFlowVersionSchema } from "../stored-flow-version-schema";

type Row = { flow_id: string; version: number; status: string; data: string };

/** Flow versions in the embedded SQLite file; the draft is row version 0. */
export class SqliteFlowVersionStore implements FlowVersionStore {
  private readonly one: Database.Statement<[string, number], Row>;
  private readonly numbered: Database.Statement<[string], Row>;
  private readonly published: Database.Statement<[string], { version: number }>;
  private readonly upsert: Database.Statement<[string, number, string, string]>;
  private readonly remove: Database.Statement<[string, number]>;
  private readonly publishTx: (input: FlowVersionInput, dropDraft: boolean, expected: number | null | undefined) => FlowVersion;
  private readonly seedTx: (input: FlowVersionInput) => void;

  constructor(private readonly db: Database.Database, private readonly reportCorrupt: CorruptRecordReporter) {
    this.one = db.prepare("SELECT flow_id, version, status, data FROM flow_versions WHERE flow_id = ? AND version = ?");
    this.numbered = db.prepare("SELECT flow_id, version, status, data FROM flow_versions WHERE flow_id = ? AND version > 0 ORDER BY version");
    this.published = db.prepare("SELECT version FROM flow_versions WHERE flow_id = ? AND status = 'published' ORDER BY version DESC LIMIT 1");
    this.upsert = db.prepare("INSERT INTO flow_versions (flow_id, version, status, data) VALUES (?, ?, ?, ?) ON CONFLICT(flow_id, version) DO UPDATE SET status = excluded.status, data = excluded.data");
    this.remove = db.prepare("DELETE FROM flow_versions WHERE flow_id = ? AND version = ?");
    this.publishTx = db.transaction((input: FlowVersionInput, dropDraft: boolean, expected: number | null | undefined) => {
      const current = this.published.get(input.flowId)?.version ?? null;
      if (expected !== undefined && expected !== current) throw publishConflict(current);
      const versions = this.numbered.all(input.flowId).flatMap((row) => this.parse(row) ?? []);
      for (const old of versions.filter((v) => v.status === "published")) this.write({ ...old, status: "archived" });
      const next: FlowVersion = { ...input, version: Math.max(0, ...versions.map((v) => v.version)) + 1, status: "published" };
      this.write(next);
      if (dropDraft) this.remove.run(input.flowId, 0);
      return next;
    });
    this.seedTx = db.transaction((input: FlowVersionInput) => {
      if (this.numbered.all(input.flowId).length === 0) this.write({ ...input, version: 1, status: "published" });
    });
  }

  async findDraft(flowId: string): Promise<FlowVersion | undefined> {
    return this.parse(this.one.get(flowId, 0));
  }

  async saveDraft(draft: FlowVersionInput): Promise<FlowVersion> {
    const saved: FlowVersion = { ...draft, version: 0, status: "draft" };
    this.write(saved);
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

  async publishVersion(input: FlowVersionInput, dropDraft: boolean, expectedPublished?: number | null): Promise<FlowVersion> {
    return this.publishTx(input, dropDraft, expectedPublished);
  }


  async seedVersion(input: FlowVersionInput): Promise<void> {
    this.seedTx(input);
  }

  private write(version: FlowVersion): void {
    this.upsert.run(version.flowId, version.version, version.status, JSON.stringify(version));
  }

  private parse(row: Row | undefined): FlowVersion | undefined {
    return row && parseStoredRecord(storedFlowVersionSchema, row.data, { store: "sqlite", key: `flow_versions:${row.flow_id}:${row.version}` }, this.reportCorrupt);
  }
}
