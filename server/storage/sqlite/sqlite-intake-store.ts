import type Database from "better-sqlite3";
import { wasCounted, withCounted } from "../../../bot/analytics/compute-flow-events";
import type { CountedEvent, Intake, IntakeCorrection, IntakeNote, IntakeStore, QuestionCorrectionCount } from "../../../bot/intake/intake-ports";
import type { Sealer } from "../../security/personal-data-cipher";
import { openIntake, sealIntake } from "../stored-intake-schema";
import { toEpochMs } from "../stored-booking-schema";
import type { CorruptRecordReporter } from "../parse-stored-record";

type Row = { id: string; data: string };

/** Intakes in the embedded SQLite file: the record sealed, the lookup columns plain. */
export class SqliteIntakeStore implements IntakeStore {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly sealer: Sealer,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {
    this.s = {
      upsert: db.prepare<[string, string, string | null, number, string]>(`INSERT INTO intakes (id, session_ref, booking_code, delete_after_ms, data) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET session_ref = excluded.session_ref, booking_code = excluded.booking_code, delete_after_ms = excluded.delete_after_ms, data = excluded.data`),
      byId: db.prepare<[string], Row>("SELECT id, data FROM intakes WHERE id = ?"),
      bySession: db.prepare<[string], Row>("SELECT id, data FROM intakes WHERE session_ref = ?"),
      byBooking: db.prepare<[string], Row>("SELECT id, data FROM intakes WHERE booking_code = ?"),
      remove: db.prepare<[string]>("DELETE FROM intakes WHERE id = ?"),
      removeExpired: db.prepare<[number]>("DELETE FROM intakes WHERE delete_after_ms < ?"),
      countCorrection: db.prepare<[string, string]>(`INSERT INTO question_corrections (node_id, question_key, count) VALUES (?, ?, 1)
        ON CONFLICT(node_id, question_key) DO UPDATE SET count = count + 1`),
      corrections: db.prepare<[], { node_id: string; question_key: string; count: number }>(
        "SELECT node_id, question_key, count FROM question_corrections ORDER BY count DESC, node_id"),
    };
  }

  async saveIntake(intake: Intake): Promise<void> {
    this.write(intake);
  }

  async findIntakeById(id: string): Promise<Intake | undefined> {
    return this.parse(this.s.byId.get(id));
  }

  async findIntakeByBookingCode(code: string): Promise<Intake | undefined> {
    return this.parse(this.s.byBooking.get(code));
  }

  async findIntakeBySessionRef(sessionRef: string): Promise<Intake | undefined> {
    return this.parse(this.s.bySession.get(sessionRef));
  }

  async attachBooking(sessionRef: string, booking: { code: string; start: string; deleteAfter: string }): Promise<{ intake: Intake; firstBooking: boolean } | undefined> {
    return this.db.transaction(() => {
      const intake = this.parse(this.s.bySession.get(sessionRef));
      if (!intake) return undefined;
      const firstBooking = !wasCounted(intake, "booked");
      const updated = withCounted({ ...intake, bookingCode: booking.code, appointmentStart: booking.start, deleteAfter: booking.deleteAfter }, "booked");
      return { intake: this.write(updated), firstBooking };
    }).immediate();
  }

  async markCounted(id: string, event: CountedEvent): Promise<boolean> {
    return this.db.transaction(() => {
      const intake = this.parse(this.s.byId.get(id));
      if (!intake || wasCounted(intake, event)) return false;
      this.write(withCounted(intake, event));
      return true;
    }).immediate();
  }

  async addNote(id: string, note: IntakeNote): Promise<Intake | undefined> {
    return this.update(id, (intake) => ({ ...intake, notes: [...intake.notes, note] }));
  }

  async addCorrection(id: string, correction: IntakeCorrection, questionKey: string): Promise<Intake | undefined> {
    return this.db.transaction(() => {
      const intake = this.parse(this.s.byId.get(id));
      if (!intake) return undefined;
      this.s.countCorrection.run(correction.nodeId, questionKey);
      return this.write({ ...intake, corrections: [...intake.corrections, correction] });
    }).immediate();
  }

  async deleteIntake(id: string): Promise<boolean> {
    return this.s.remove.run(id).changes > 0;
  }

  async deleteExpiredIntakes(now: string): Promise<number> {
    return this.s.removeExpired.run(toEpochMs(now)).changes;
  }

  async countCorrectionsByQuestion(): Promise<QuestionCorrectionCount[]> {
    return this.s.corrections.all().map((row) => ({ nodeId: row.node_id, questionKey: row.question_key, count: row.count }));
  }

  private update(id: string, change: (intake: Intake) => Intake): Intake | undefined {
    return this.db.transaction(() => {
      const intake = this.parse(this.s.byId.get(id));
      return intake ? this.write(change(intake)) : undefined;
    }).immediate();
  }

  private write(intake: Intake): Intake {
    this.s.upsert.run(intake.id, intake.sessionRef, intake.bookingCode ?? null, toEpochMs(intake.deleteAfter), sealIntake(this.sealer, intake));
    return intake;
  }

  private parse(row: Row | undefined): Intake | undefined {
    return row === undefined ? undefined : openIntake(this.sealer, row.data, "sqlite", `intake:${row.id}`, this.reportCorrupt);
  }
}
