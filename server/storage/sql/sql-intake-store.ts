import { wasCounted, withCounted } from "../../../bot/analytics/compute-flow-events";
import type { CountedEvent, Intake, IntakeCorrection, IntakeNote, IntakeStore, QuestionCorrectionCount } from "../../../bot/intake/intake-ports";
import { intakeSchema } from "../../../bot/intake/intake-ports";
import type { Sealer } from "../../security/personal-data-cipher";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseSealedRecord } from "../parse-stored-record";
import { toEpochMs } from "./to-epoch-ms";
import type { Db } from "./database-schema";
import type { SqlDatabase } from "./open-database";

type Row = { id: string; data: string };

/**
 * Intakes in SQL: the record sealed whole (answers, notes and corrections may hold anything
 * personal), the lookup columns (session, booking code, deletion
 * time) plain. Every read-change-write is one write transaction that locks the intake first.
 */
export class SqlIntakeStore implements IntakeStore {
  constructor(private readonly sql: SqlDatabase, private readonly sealer: Sealer, private readonly reportCorrupt: CorruptRecordReporter) {}

  async saveIntake(intake: Intake): Promise<void> {
    await this.write(await this.sql.open(), intake);
  }

  async findIntakeById(id: string): Promise<Intake | undefined> {
    return this.parse(await (await this.sql.open()).selectFrom("intakes").select(["id", "data"]).where("id", "=", id).executeTakeFirst());
  }

  async findIntakeByBookingCode(code: string): Promise<Intake | undefined> {
    return this.parse(await (await this.sql.open()).selectFrom("intakes").select(["id", "data"]).where("booking_code", "=", code).executeTakeFirst());
  }

  async findIntakeBySessionRef(sessionRef: string): Promise<Intake | undefined> {
    return this.parse(await (await this.sql.open()).selectFrom("intakes").select(["id", "data"]).where("session_ref", "=", sessionRef).executeTakeFirst());
  }

  async attachBooking(sessionRef: string, booking: { code: string; start: string; deleteAfter: string }): Promise<{ intake: Intake; firstBooking: boolean } | undefined> {
    return this.sql.write(async (trx) => {
      await this.sql.lock(trx, `intake-session:${sessionRef}`);
      const intake = this.parse(await trx.selectFrom("intakes").select(["id", "data"]).where("session_ref", "=", sessionRef).executeTakeFirst());
      if (!intake) return undefined;
      const firstBooking = !wasCounted(intake, "booked");
      const updated = withCounted({ ...intake, bookingCode: booking.code, appointmentStart: booking.start, deleteAfter: booking.deleteAfter }, "booked");
      return { intake: await this.write(trx, updated), firstBooking };
    });
  }

  async markCounted(id: string, event: CountedEvent): Promise<boolean> {
    const changed = await this.update(id, (intake) => (wasCounted(intake, event) ? undefined : withCounted(intake, event)));
    return changed.written;
  }

  async addNote(id: string, note: IntakeNote): Promise<Intake | undefined> {
    return (await this.update(id, (intake) => ({ ...intake, notes: [...intake.notes, note] }))).intake;
  }

  async addCorrection(id: string, correction: IntakeCorrection, questionKey: string): Promise<Intake | undefined> {
    const changed = await this.update(id, (intake) => ({ ...intake, corrections: [...intake.corrections, correction] }), async (trx) => {
      await trx.insertInto("question_corrections").values({ node_id: correction.nodeId, question_key: questionKey, count: 1 })
        .onConflict((oc) => oc.columns(["node_id", "question_key"]).doUpdateSet((eb) => ({ count: eb("question_corrections.count", "+", 1) }))).execute();
    });
    return changed.intake;
  }

  async deleteIntake(id: string): Promise<boolean> {
    const result = await (await this.sql.open()).deleteFrom("intakes").where("id", "=", id).executeTakeFirst();
    const deleted = Number(result.numDeletedRows) > 0;
    if (deleted) await this.sql.afterErasure();
    return deleted;
  }

  async deleteExpiredIntakes(now: string): Promise<number> {
    const result = await (await this.sql.open()).deleteFrom("intakes").where("delete_after_ms", "<", toEpochMs(now)).executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    if (deleted > 0) await this.sql.afterErasure();
    return deleted;
  }

  async countCorrectionsByQuestion(): Promise<QuestionCorrectionCount[]> {
    const rows = await (await this.sql.open()).selectFrom("question_corrections").selectAll().orderBy("count", "desc").orderBy("node_id").execute();
    return rows.map((row) => ({ nodeId: row.node_id, questionKey: row.question_key, count: Number(row.count) }));
  }

  /** Read, change, write in one transaction; `change` returning undefined writes nothing. */
  private async update(id: string, change: (intake: Intake) => Intake | undefined, alongside?: (trx: Db) => Promise<void>): Promise<{ intake: Intake | undefined; written: boolean }> {
    return this.sql.write(async (trx) => {
      await this.sql.lock(trx, `intake:${id}`);
      const intake = this.parse(await trx.selectFrom("intakes").select(["id", "data"]).where("id", "=", id).executeTakeFirst());
      const next = intake && change(intake);
      if (!next) return { intake, written: false };
      await alongside?.(trx);
      return { intake: await this.write(trx, next), written: true };
    });
  }

  private async write(db: Db, intake: Intake): Promise<Intake> {
    const row = { id: intake.id, session_ref: intake.sessionRef, booking_code: intake.bookingCode ?? null, delete_after_ms: toEpochMs(intake.deleteAfter), data: this.sealer.seal(JSON.stringify(intake)) };
    const { id: _id, ...changes } = row;
    await db.insertInto("intakes").values(row).onConflict((oc) => oc.column("id").doUpdateSet(changes)).execute();
    return intake;
  }

  private parse(row: Row | undefined): Intake | undefined {
    return row === undefined ? undefined : parseSealedRecord(intakeSchema, row.data, (sealed) => this.sealer.open(sealed), { store: "sql", key: `intake:${row.id}` }, this.reportCorrupt);
  }
}
