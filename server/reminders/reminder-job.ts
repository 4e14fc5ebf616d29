import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Booking } from "../../bot/booking/booking-types";
import type { BookingStore, Clock, Notifier, OutboxEntry, ReminderMessage, ReminderOutbox } from "../../bot/ports";
import type { Translate, Translator } from "../i18n/create-translator";
import type { Logger } from "../logging/create-logger";
import { openBookingPhone } from "../booking/booking-service";
import type { PersonalDataCipher } from "../security/personal-data-cipher";
import { computeNextAttemptAt, computeReminderId, computeReminderWindow, isWithinSendingHours, toReminderTimeParams, toSeoulIso } from "./reminder-schedule";

export type ReminderJobDeps = {
  bookings: BookingStore;
  outbox: ReminderOutbox;
  notifier: Notifier;
  translator: Translator;
  now: Clock;
  logger: Logger;
  /** Opens the sealed phone a reminder goes to (bookings from before sealing hold it plain). */
  cipher?: PersonalDataCipher;
  /** Holds the leases; unique per process (several instances share the outbox). */
  worker?: string;
  /** Entries leased per claim; they are delivered concurrently. */
  batchSize?: number;
  /** Longer than a delivery can take (the webhook's timeout), so a live delivery keeps its lease. */
  leaseSeconds?: number;
  /** After this many failed attempts the reminder is given up (skipped, logged as an error). */
  maxAttempts?: number;
  /** Once aborted, no further batch is claimed (the current one finishes and is recorded). */
  signal?: AbortSignal;
};

export type ReminderCycleCounts = { enqueued: number; sent: number; skipped: number; failed: number; gaveUp: number; errors: number };
type Outcome = "sent" | "skipped" | "failed" | "gaveUp" | "errors";

const DEFAULTS = { batchSize: 10, leaseSeconds: 120, maxAttempts: 8 };
const defaultWorkerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
/** Claims per cycle at most, so one cycle ends well before the next is due. */
const MAX_BATCHES = 20;
/** Phone numbers as a provider's error message might echo them: never let one reach the log. */
const PHONE_LIKE = /0\d{1,2}[\s.-]?\d{3,4}[\s.-]?\d{4}/g;

/**
 * One pass of the day-before reminder job. (a) Every confirmed booking starting tomorrow (Seoul
 * calendar) gets an outbox entry, due at 10:00 Seoul today or at once if that has passed; enqueue
 * is idempotent, so every cycle and every instance may do it. (b) Within sending hours, due entries
 * are leased and their booking read again: one no longer confirmed, moved to another day or
 * already started is skipped without a message; the rest are delivered. A failure is retried after
 * 1, 2, 4 … minutes, and given up (skipped, logged as an error) after `maxAttempts`.
 */
export async function runReminderCycle(deps: ReminderJobDeps): Promise<ReminderCycleCounts> {
  const counts: ReminderCycleCounts = { enqueued: 0, sent: 0, skipped: 0, failed: 0, gaveUp: 0, errors: 0 };
  counts.enqueued = await enqueueTomorrow(deps);
  const limit = deps.batchSize ?? DEFAULTS.batchSize;
  const lease = { leaseSeconds: deps.leaseSeconds ?? DEFAULTS.leaseSeconds, worker: deps.worker ?? defaultWorkerId };
  const maxAttempts = deps.maxAttempts ?? DEFAULTS.maxAttempts;
  for (let batch = 0; batch < MAX_BATCHES && !deps.signal?.aborted && isWithinSendingHours(deps.now()); batch++) {
    const claimed = await deps.outbox.claimDue({ now: toSeoulIso(deps.now()), limit, ...lease });
    const outcomes = await Promise.all(claimed.map((entry) => processEntry(deps, entry, maxAttempts).catch((error: unknown): Outcome => {
      // A store failed mid-way: the lease runs out and the entry is claimed again later.
      deps.logger.warn({ reminderId: entry.id, err: { message: scrub(errorMessage(error)) } }, "reminder step failed; retried when its lease ends");
      return "errors";
    })));
    for (const outcome of outcomes) counts[outcome]++;
    if (claimed.length < limit) break;
  }
  return counts;
}

/**
 * Runs a cycle at once and then every `intervalSeconds` (never two at a time in one process);
 * the timer does not keep the process alive. Returns `stop`, which lets a running cycle finish
 * its current batch (at most one delivery timeout) and waits for it.
 */
export function startReminderJob(deps: ReminderJobDeps & { intervalSeconds: number }): () => Promise<void> {
  const worker = deps.worker ?? defaultWorkerId;
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running || stopping.signal.aborted) return;
    running = runReminderCycle({ ...deps, worker, signal: stopping.signal })
      .then((counts) => {
        if (Object.values(counts).some((n) => n > 0)) deps.logger.info({ reminders: counts, notifier: deps.notifier.name }, "reminder cycle");
      }, (error: unknown) => {
        deps.logger.error({ err: { message: scrub(errorMessage(error)) } }, "reminder cycle failed; trying again next interval");
      })
      .finally(() => { running = undefined; });
  };
  const timer = setInterval(tick, deps.intervalSeconds * 1000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    stopping.abort();
    await running;
  };
}

/** The reminder a resident receives, in `lang`, with the center's details from the translator. */
export function toReminderMessage(reminderId: string, booking: Booking, t: Translate, lang: "ko" | "en", phone = booking.phone): ReminderMessage {
  const specialty = t(`reminders.specialty.${booking.specialty}`);
  const text = t("reminders.dayBefore", { ...toReminderTimeParams(booking.start, lang), specialty, code: booking.code });
  return { reminderId, bookingCode: booking.code, start: booking.start, specialty: booking.specialty, phone, lang, text };
}

async function enqueueTomorrow(deps: ReminderJobDeps): Promise<number> {
  const now = deps.now();
  const window = computeReminderWindow(now);
  const upcoming = await deps.bookings.listBookings({ from: window.from, to: window.to });
  let enqueued = 0;
  for (const booking of upcoming) {
    // A booking still waiting for its phone's code is not final: no reminder until it is.
    if (booking.status !== "confirmed" || booking.confirmBy !== undefined) continue;
    const added = await deps.outbox.enqueue({ id: computeReminderId(booking), bookingCode: booking.code, dueAt: window.dueAt, createdAt: toSeoulIso(now) });
    if (added) enqueued++;
  }
  return enqueued;
}

async function processEntry(deps: ReminderJobDeps, entry: OutboxEntry, maxAttempts: number): Promise<Outcome> {
  const check = checkStillDue(entry, await deps.bookings.findBookingByCode(entry.bookingCode), deps.now());
  if (!check.ok) {
    await deps.outbox.markSkipped(entry.id, check.reason, toSeoulIso(deps.now()));
    return "skipped";
  }
  const { booking } = check;
  const phone = deps.cipher ? openBookingPhone(deps.cipher, booking) : booking.phone;
  if (phone === undefined) {
    await deps.outbox.markSkipped(entry.id, "no_phone", toSeoulIso(deps.now()));
    return "skipped";
  }
  // Bookings do not record a language yet: Korean, the center's language.
  const lang = "ko";
  const message = toReminderMessage(entry.id, booking, deps.translator.forLang(lang), lang, phone);
  try {
    await deps.notifier.deliver(message);
  } catch (error) {
    return recordFailure(deps, entry, scrub(errorMessage(error), phone), maxAttempts);
  }
  await deps.outbox.markSent(entry.id, toSeoulIso(deps.now()));
  return "sent";
}

/** Whether a claimed reminder should still be sent, re-read from the booking it is for. */
function checkStillDue(entry: OutboxEntry, booking: Booking | undefined, now: Date): { ok: true; booking: Booking } | { ok: false; reason: string } {
  if (booking === undefined) return { ok: false, reason: "not_found" };
  if (booking.status !== "confirmed") return { ok: false, reason: booking.status };
  if (computeReminderId(booking) !== entry.id) return { ok: false, reason: "moved" };
  if (Date.parse(booking.start) <= now.getTime()) return { ok: false, reason: "started" };
  return { ok: true, booking };
}

async function recordFailure(deps: ReminderJobDeps, entry: OutboxEntry, error: string, maxAttempts: number): Promise<Outcome> {
  const now = deps.now();
  if (entry.attempts >= maxAttempts) {
    await deps.outbox.markSkipped(entry.id, "gave_up", toSeoulIso(now));
    deps.logger.error({ reminderId: entry.id, bookingCode: entry.bookingCode, attempts: entry.attempts, notifier: deps.notifier.name, error }, "reminder given up after repeated delivery failures");
    return "gaveUp";
  }
  await deps.outbox.markFailed(entry.id, error, computeNextAttemptAt(now, entry.attempts));
  deps.logger.warn({ reminderId: entry.id, attempts: entry.attempts, notifier: deps.notifier.name, error }, "reminder delivery failed; will retry");
  return "failed";
}

function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") return error.message;
  return String(error);
}

function scrub(text: string, phone?: string): string {
  const withoutPhone = phone ? text.split(phone).join("[redacted]") : text;
  return withoutPhone.replace(PHONE_LIKE, "[redacted]").slice(0, 300);
}
