import { normalizeBookingCode } from "../../bot/booking/booking-code";
import { DomainError } from "../../bot/errors";
import { parsePhone } from "../../bot/parse/parse-phone";
import type { Config } from "../config";
import type { Budget, RequestBudgets } from "../http/request-budget";
import { DAY_MS, SEOUL_DAY_OFFSET_MS } from "../http/shared-counters";

/**
 * Who asks, as the limits count them: `user` names the resident (a hashed chat session or Kakao
 * user, or a phone's blind index on the API), `ip` the client address, absent when the caller
 * is a trusted sender carrying many residents (Kakao with its secret, a relay).
 */
export type LimitSource = { user?: string; ip?: string };

/** What the edges call: the budgets around each kind of work (BookingLimits, or none). */
export type BookingBudgets = Pick<BookingLimits, "hold" | "book" | "guess" | "sourceOf">;

export type BookingLimitsConfig = Pick<Config,
  | "RATE_LIMIT_HOLDS_PER_USER_PER_DAY" | "RATE_LIMIT_HOLDS_PER_IP_PER_DAY" | "RATE_LIMIT_BOOKINGS_PER_USER_PER_DAY"
  | "RATE_LIMIT_BOOKINGS_PER_IP_PER_DAY" | "RATE_LIMIT_WRONG_GUESSES" | "RATE_LIMIT_GUESS_COOLDOWN_MINUTES">;

export type BookingLimitsDeps = {
  budgets: RequestBudgets;
  config: BookingLimitsConfig;
  /** A keyed hash (the cipher's blind index): of a normalized phone for its budget, of an IP for a booking's source. */
  keyedHash: (value: string) => string;
};

const SEOUL_DAY = { ms: DAY_MS, offsetMs: SEOUL_DAY_OFFSET_MS };
/** The IP's share of wrong guesses: one address may carry a few residents (a family, a shelter's wifi). */
const GUESSES_PER_IP_FACTOR = 4;

/**
 * The budgets of holds, bookings and code+phone guesses, the same for the API and both chats
 * (docs/security.md#limits). Holds and bookings: per resident and per IP per Seoul day, counted
 * before the work and given back when the work is refused (a full slot is no flood). Guesses:
 * a wrong code+phone counts against the code, the phone, the resident and the IP; past the budget
 * each of them cools down (every instance sees the deadline), right answers included.
 */
export class BookingLimits {
  constructor(private readonly deps: BookingLimitsDeps) {}

  /** Runs a hold within the day's hold budgets of `source`. */
  hold<T>(source: LimitSource, work: () => Promise<T>): Promise<T> {
    const { config } = this.deps;
    return this.withinDay(this.perSource("hold", source, config.RATE_LIMIT_HOLDS_PER_USER_PER_DAY, config.RATE_LIMIT_HOLDS_PER_IP_PER_DAY), work);
  }

  /**
   * Runs a booking within the day's booking budgets of `source` (and of the phone, when it
   * parses); an idempotent replay (the first booking answered again) spends nothing.
   */
  book<T extends { replayed: boolean }>(source: LimitSource, phone: string, work: () => Promise<T>): Promise<T> {
    const { config } = this.deps;
    const budgets = this.perSource("book", source, config.RATE_LIMIT_BOOKINGS_PER_USER_PER_DAY, config.RATE_LIMIT_BOOKINGS_PER_IP_PER_DAY);
    const phoneKey = this.phoneKey(phone);
    if (phoneKey !== undefined && phoneKey !== source.user) budgets.push({ name: "book-phone", id: phoneKey, limit: config.RATE_LIMIT_BOOKINGS_PER_USER_PER_DAY });
    return this.withinDay(budgets, work, (result) => !result.replayed);
  }

  /**
   * Runs a lookup, cancel or reschedule by code and phone: refused (RATE_LIMITED) while the code,
   * the phone, the resident or the IP cools down; a wrong pair (NOT_FOUND) counts against each.
   */
  async guess<T>(source: LimitSource, code: string, phone: string, work: () => Promise<T>): Promise<T> {
    const { config, budgets } = this.deps;
    const limit = config.RATE_LIMIT_WRONG_GUESSES;
    const phoneKey = this.phoneKey(phone);
    const from = source.user ?? source.ip ?? "";
    const targets: Budget[] = [
      { name: "guess-code", id: normalizeBookingCode(code) ?? code.trim().toUpperCase(), limit },
      // A phone cools down for the address guessing it at the usual budget, and for everyone only
      // at the IP share: someone who knows a resident's phone cannot lock them out alone.
      ...(phoneKey === undefined ? [] : [
        { name: "guess-phone-from", id: `${phoneKey}|${from}`, limit },
        { name: "guess-phone", id: phoneKey, limit: limit * GUESSES_PER_IP_FACTOR },
      ]),
      ...(source.user === undefined ? [] : [{ name: "guess-user", id: source.user, limit }]),
      ...(source.ip === undefined ? [] : [{ name: "guess-ip", id: source.ip, limit: limit * GUESSES_PER_IP_FACTOR }]),
    ];
    await budgets.assertNotCooling(targets);
    try {
      return await work();
    } catch (error) {
      const cooldownMs = config.RATE_LIMIT_GUESS_COOLDOWN_MINUTES * 60_000;
      if (error instanceof DomainError && error.code === "NOT_FOUND") await budgets.fail(targets, { ms: cooldownMs }, cooldownMs);
      throw error;
    }
  }

  /** What a booking keeps of where it came from: a keyed hash of the IP (never the IP), else of the resident. */
  sourceOf(source: LimitSource): string | undefined {
    if (source.ip !== undefined) return this.deps.keyedHash(`ip:${source.ip}`);
    return source.user === undefined ? undefined : this.deps.keyedHash(`user:${source.user}`);
  }

  private perSource(kind: string, source: LimitSource, perUser: number, perIp: number): Budget[] {
    return [
      ...(source.user === undefined ? [] : [{ name: `${kind}-user`, id: source.user, limit: perUser }]),
      ...(source.ip === undefined ? [] : [{ name: `${kind}-ip`, id: source.ip, limit: perIp }]),
    ];
  }

  /** Spends before the work, gives back when the work fails or `counts` says its result took nothing. */
  private async withinDay<T>(budgets: Budget[], work: () => Promise<T>, counts: (result: T) => boolean = () => true): Promise<T> {
    if (budgets.length === 0) return work();
    const spent = await this.deps.budgets.spend(budgets, SEOUL_DAY);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await spent.refund();
      throw error;
    }
    if (!counts(result)) await spent.refund();
    return result;
  }

  private phoneKey(phone: string): string | undefined {
    const parsed = parsePhone(phone);
    return parsed.ok ? this.deps.keyedHash(parsed.value) : undefined;
  }
}
