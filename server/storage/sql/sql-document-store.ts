import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import { flowVersionSchema } from "../../../bot/flow-versions/flow-version-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredValue, readJson } from "../parse-stored-record";
import { draftConflict, newDraftRevision, publishConflict } from "../../admin-documents/document-conflicts";
import type { DatabaseSchema, Db } from "./database-schema";
import type { SqlDatabase } from "./open-database";

type VersionRow = DatabaseSchema["document_versions"];
type DraftRow = DatabaseSchema["document_drafts"];

/**
 * Versioned admin documents in SQL — flows ("default"), rule parameters ("rules") and the
 * schedule ("schedule") alike: numbered versions (history is append-only) and at most one draft
 * each, with its revision. Saving a draft against a revision, publishing against a published
 * number and seeding are each one write transaction that locks the document first; a partial
 * unique index keeps one published version per document whatever happens.
 */
export class SqlDocumentStore implements FlowVersionStore {
  constructor(private readonly sql: SqlDatabase, private readonly reportCorrupt: CorruptRecordReporter) {}

  async findDraft(documentId: string): Promise<FlowVersion | undefined> {
    return this.parseDraft(await (await this.sql.open()).selectFrom("document_drafts").selectAll().where("document_id", "=", documentId).executeTakeFirst());
  }

  async saveDraft(draft: FlowVersionInput, expectedRevision?: string | null): Promise<FlowVersion> {
    const content = pick(draft);
    const row: DraftRow = {
      document_id: content.flowId, revision: newDraftRevision(), yaml: content.yaml, texts: JSON.stringify(content.texts),
      created_by: content.createdBy, created_at: content.createdAt, note: content.note,
    };
    await this.sql.write(async (trx) => {
      await this.sql.lock(trx, `document:${draft.flowId}`);
      if (expectedRevision !== undefined) {
        const current = (await trx.selectFrom("document_drafts").select("revision").where("document_id", "=", draft.flowId).executeTakeFirst())?.revision ?? null;
        if (current !== expectedRevision) throw draftConflict(current);
      }
      const { document_id: _id, ...changes } = row;
      await trx.insertInto("document_drafts").values(row).onConflict((oc) => oc.column("document_id").doUpdateSet(changes)).execute();
    });
    return { ...content, version: 0, status: "draft", revision: row.revision };
  }

  async listVersions(documentId: string): Promise<FlowVersion[]> {
    const rows = await (await this.sql.open()).selectFrom("document_versions").selectAll().where("document_id", "=", documentId).orderBy("version").execute();
    return rows.flatMap((row) => this.parseVersion(row) ?? []);
  }

  async findVersion(documentId: string, version: number): Promise<FlowVersion | undefined> {
    if (version < 1) return undefined;
    return this.parseVersion(await (await this.sql.open()).selectFrom("document_versions").selectAll().where("document_id", "=", documentId).where("version", "=", version).executeTakeFirst());
  }

  async findPublishedNumber(documentId: string): Promise<number | undefined> {
    return publishedNumber(await this.sql.open(), documentId);
  }

  async publishVersion(input: FlowVersionInput, dropDraft: boolean, expectedPublished?: number | null, dropDraftRevision?: string | null): Promise<FlowVersion> {
    return this.sql.write(async (trx) => {
      await this.sql.lock(trx, `document:${input.flowId}`);
      const current = (await publishedNumber(trx, input.flowId)) ?? null;
      if (expectedPublished !== undefined && expectedPublished !== current) throw publishConflict(current);
      const last = await trx.selectFrom("document_versions").select((eb) => eb.fn.max("version").as("n")).where("document_id", "=", input.flowId).executeTakeFirst();
      const next: FlowVersion = { ...pick(input), version: Number(last?.n ?? 0) + 1, status: "published" };
      await trx.updateTable("document_versions").set({ status: "archived" }).where("document_id", "=", input.flowId).where("status", "=", "published").execute();
      await trx.insertInto("document_versions").values(toVersionRow(next)).execute();
      if (dropDraft) {
        let drop = trx.deleteFrom("document_drafts").where("document_id", "=", input.flowId);
        if (dropDraftRevision !== undefined && dropDraftRevision !== null) drop = drop.where("revision", "=", dropDraftRevision);
        if (dropDraftRevision !== null) await drop.execute();
      }
      return next;
    });
  }

  async seedVersion(input: FlowVersionInput): Promise<void> {
    await this.sql.write(async (trx) => {
      await this.sql.lock(trx, `document:${input.flowId}`);
      const any = await trx.selectFrom("document_versions").select("version").where("document_id", "=", input.flowId).limit(1).executeTakeFirst();
      if (!any) await trx.insertInto("document_versions").values(toVersionRow({ ...pick(input), version: 1, status: "published" })).execute();
    });
  }

  private parseVersion(row: VersionRow | undefined): FlowVersion | undefined {
    return row && this.parse(row, { version: row.version, status: row.status }, `document_versions:${row.document_id}:${row.version}`);
  }

  private parseDraft(row: DraftRow | undefined): FlowVersion | undefined {
    return row && this.parse(row, { version: 0, status: "draft", revision: row.revision }, `document_drafts:${row.document_id}`);
  }

  private parse(row: VersionRow | DraftRow, numbering: { version: number; status: string; revision?: string }, key: string): FlowVersion | undefined {
    return parseStoredValue(flowVersionSchema, {
      flowId: row.document_id, ...numbering, yaml: row.yaml, texts: readJson(row.texts), createdBy: row.created_by, createdAt: row.created_at, note: row.note,
    }, { store: "sql", key }, this.reportCorrupt);
  }
}

async function publishedNumber(db: Db, documentId: string): Promise<number | undefined> {
  const row = await db.selectFrom("document_versions").select("version").where("document_id", "=", documentId).where("status", "=", "published").executeTakeFirst();
  return row === undefined ? undefined : Number(row.version);
}

/** What is stored: texts as given, a lone UTF-16 surrogate (no character; UTF-8 cannot hold it) as U+FFFD. */
function pick(input: FlowVersionInput): FlowVersionInput {
  const { flowId, yaml, texts, createdBy, createdAt, note } = input;
  return { flowId, yaml: wellFormed(yaml), texts, createdBy: wellFormed(createdBy), createdAt, note: wellFormed(note) };
}

function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, "\uFFFD");
}

function toVersionRow(version: FlowVersion): VersionRow {
  return {
    document_id: version.flowId, version: version.version, status: version.status, yaml: version.yaml, texts: JSON.stringify(version.texts),
    created_by: version.createdBy, created_at: version.createdAt, note: version.note,
  };
}
