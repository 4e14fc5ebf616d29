import type { Redis } from "ioredis";
import { wasCounted, withCounted } from "../../../bot/analytics/compute-flow-events";
import type { CountedEvent, Intake, IntakeCorrection, IntakeNote, IntakeStore, QuestionCorrectionCount } from "../../../bot/intake/intake-ports";
import type { Sealer } from "../../security/personal-data-cipher";
import { toEpochMs } from "../stored-booking-schema";
import { openIntake, sealIntake } from "../stored-intake-schema";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { storageKeys } from "../storage-keys";
import { execTransaction } from "./exec-transaction";

/** Concurrent edits of one intake (two counsellors adding notes) retry on a changed record. */
const UPDATE_ATTEMPTS = 5;
const DELETE_BATCH = 500;

/**
 * Intakes in Redis: the record sealed under `intake:<id>`, plain index keys by conversation and
 * booking code, and a sorted set by deleteAfter for the retention job. Updates are optimistic
 * (WATCH/MULTI) against other instances, on a connection of their own (`watching`: a MULTI/EXEC
 * of another store on a shared connection would clear the WATCH, or be aborted by it), and
 * queued one at a time on this instance (that connection has one WATCH).
 */
export class RedisIntakeStore implements IntakeStore {
  /** The tail of this instance's queue of updates (see `update`). */
  private updates: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    /** Used only for `update`'s WATCH/MULTI/EXEC; nothing else may run a transaction on it. */
    private readonly watching: Redis,
    private readonly prefix: string,
    private readonly sealer: Sealer,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {}

  async saveIntake(intake: Intake): Promise<void> {
    const before = await this.findIntakeById(intake.id);
    const tx = this.redis.multi();
    if (before?.bookingCode !== undefined && before.bookingCode !== intake.bookingCode) tx.del(storageKeys.intakeByBooking(this.prefix, before.bookingCode));
    this.queueWrite(tx, intake);
    await execTransaction(tx, "save intake");
  }

  async findIntakeById(id: string): Promise<Intake | undefined> {
    return this.read(this.redis, id);
  }

  async findIntakeByBookingCode(code: string): Promise<Intake | undefined> {
    const id = await this.redis.get(storageKeys.intakeByBooking(this.prefix, code));
    return id === null ? undefined : this.findIntakeById(id);
  }

  async findIntakeBySessionRef(sessionRef: string): Promise<Intake | undefined> {
    const id = await this.redis.get(storageKeys.intakeBySession(this.prefix, sessionRef));
    return id === null ? undefined : this.findIntakeById(id);
  }

  async attachBooking(sessionRef: string, booking: { code: string; start: string; deleteAfter: string }): Promise<{ intake: Intake; firstBooking: boolean } | undefined> {
    const id = await this.redis.get(storageKeys.intakeBySession(this.prefix, sessionRef));
    if (id === null) return undefined;
    let firstBooking = false;
    const intake = await this.update(id, (current) => {
      firstBooking = !wasCounted(current, "booked");
      return withCounted({ ...current, bookingCode: booking.code, appointmentStart: booking.start, deleteAfter: booking.deleteAfter }, "booked");
    });
    return intake === undefined ? undefined : { intake, firstBooking };
  }

  async markCounted(id: string, event: CountedEvent): Promise<boolean> {
    let flipped = false;
    await this.update(id, (intake) => {
      flipped = !wasCounted(intake, event);
      return flipped ? withCounted(intake, event) : undefined;
    });
    return flipped;
  }

  async addNote(id: string, note: IntakeNote): Promise<Intake | undefined> {
    return this.update(id, (intake) => ({ ...intake, notes: [...intake.notes, note] }));
  }

  async addCorrection(id: string, correction: IntakeCorrection, questionKey: string): Promise<Intake | undefined> {
    const updated = await this.update(id, (intake) => ({ ...intake, corrections: [...intake.corrections, correction] }));
    if (updated) await this.redis.hincrby(storageKeys.questionCorrections(this.prefix), `${correction.nodeId} ${questionKey}`, 1);
    return updated;
  }

  async deleteIntake(id: string): Promise<boolean> {
    const intake = await this.findIntakeById(id);
    const tx = this.redis.multi().del(storageKeys.intake(this.prefix, id)).zrem(storageKeys.intakesByDeleteAfter(this.prefix), id);
    if (intake) {
      tx.del(storageKeys.intakeBySession(this.prefix, intake.sessionRef));
      if (intake.bookingCode !== undefined) tx.del(storageKeys.intakeByBooking(this.prefix, intake.bookingCode));
    }
    const [deletedRecord] = await execTransaction(tx, "delete intake");
    return deletedRecord === 1;
  }

  async deleteExpiredIntakes(now: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const ids = await this.redis.zrangebyscore(storageKeys.intakesByDeleteAfter(this.prefix), "-inf", `(${toEpochMs(now)}`, "LIMIT", 0, DELETE_BATCH);
      for (const id of ids) {
        if (await this.deleteIntake(id)) deleted++;
      }
      if (ids.length < DELETE_BATCH) return deleted;
    }
  }

  async countCorrectionsByQuestion(): Promise<QuestionCorrectionCount[]> {
    const counts = await this.redis.hgetall(storageKeys.questionCorrections(this.prefix));
    return Object.entries(counts).map(([field, count]) => {
      const [nodeId = "", questionKey = ""] = field.split(" ");
      return { nodeId, questionKey, count: Number(count) };
    }).sort((a, b) => b.count - a.count || a.nodeId.localeCompare(b.nodeId));
  }

  /**
   * Read, change, write under WATCH, retried when another instance changed the record. Updates
   * of this instance run one at a time: they share one connection and so one WATCH, and two
   * racing here could otherwise both succeed on the same old record. `change` returning
   * undefined writes nothing (the record is returned as read).
   */
  private update(id: string, change: (intake: Intake) => Intake | undefined): Promise<Intake | undefined> {
    const run = this.updates.then(() => this.updateNow(id, change));
    this.updates = run.catch(() => undefined);
    return run;
  }

  private async updateNow(id: string, change: (intake: Intake) => Intake | undefined): Promise<Intake | undefined> {
    const key = storageKeys.intake(this.prefix, id);
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      await this.watching.watch(key);
      const intake = await this.read(this.watching, id);
      const next = intake === undefined ? undefined : change(intake);
      if (!intake || !next) {
        await this.watching.unwatch();
        return intake;
      }
      const tx = this.watching.multi();
      if (intake.bookingCode !== undefined && intake.bookingCode !== next.bookingCode) tx.del(storageKeys.intakeByBooking(this.prefix, intake.bookingCode));
      this.queueWrite(tx, next);
      if (await tx.exec() !== null) return next;
    }
    throw new Error(`intake ${id} kept changing; giving up after ${UPDATE_ATTEMPTS} attempts`);
  }

  private async read(connection: Redis, id: string): Promise<Intake | undefined> {
    const text = await connection.get(storageKeys.intake(this.prefix, id));
    return text === null ? undefined : openIntake(this.sealer, text, "redis", `intake:${id}`, this.reportCorrupt);
  }

  private queueWrite(tx: ReturnType<Redis["multi"]>, intake: Intake): void {
    tx.set(storageKeys.intake(this.prefix, intake.id), sealIntake(this.sealer, intake))
      .set(storageKeys.intakeBySession(this.prefix, intake.sessionRef), intake.id)
      .zadd(storageKeys.intakesByDeleteAfter(this.prefix), toEpochMs(intake.deleteAfter), intake.id);
    if (intake.bookingCode !== undefined) tx.set(storageKeys.intakeByBooking(this.prefix, intake.bookingCode), intake.id);
  }
}
