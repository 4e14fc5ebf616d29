import { createHash } from "node:crypto";
import type { Clock } from "../../bot/ports";
import { DomainError } from "../../bot/errors";
import { createMemoryCounters } from "./memory-counters";
import type { SharedCounters } from "./shared-counters";

/** One budget to spend from: a limiter's name, what it counts (hashed before it is stored) and how many hits a window allows. */
export type Budget = { name: string; id: string; limit: number };

/** A window of `ms`, its start shifted by `offsetMs` (a Seoul day: see SEOUL_DAY_OFFSET_MS). */
export type BudgetWindow = { ms: number; offsetMs?: number };

/**
 * Budgets counted on SharedCounters, so every instance spends from the same ones. `spend` hits
 * each budget once (in parallel: one round trip to Redis) and, when any is past its limit, gives
 * every hit back and throws RATE_LIMITED with the seconds until the fullest budget's window ends; `refund` gives the hits back (work that should
 * not count, such as a booking refused for a full slot). While the shared counters fail (Redis
 * away), this instance counts alone in memory: limits stay, no request fails for it.
 */
export class RequestBudgets {
  private readonly fallback: SharedCounters;

  constructor(private readonly counters: SharedCounters, private readonly now: Clock) {
    this.fallback = createMemoryCounters(now);
  }

  /** Hits every budget once; throws RATE_LIMITED (details.retryAfterSeconds) when any is spent. */
  async spend(budgets: readonly Budget[], window: BudgetWindow): Promise<{ refund: () => Promise<void> }> {
    const keys = budgets.map((budget) => budgetKey(budget));
    const results = await Promise.all(keys.map((key) => this.shared((from) => from.hit(key, window.ms, window.offsetMs))));
    const over = results.filter((result, i) => result.hits > (budgets[i]?.limit ?? Infinity));
    const refund = async () => void (await Promise.all(keys.map((key) => this.shared((from) => from.unhit(key, window.ms, window.offsetMs)))));
    if (over.length > 0) {
      // A refused request spends nothing: an address past its budget must not use up the budget
      // of a phone it names (someone else's), nor any other.
      await refund();
      throw rateLimited(Math.max(...over.map((result) => result.resetAtMs)) - this.now().getTime());
    }
    return { refund };
  }

  /** Counts one failure against each budget; past a budget's limit, a cool-down of `cooldownMs` starts for it. */
  async fail(budgets: readonly Budget[], window: BudgetWindow, cooldownMs: number): Promise<void> {
    const until = this.now().getTime() + cooldownMs;
    await Promise.all(budgets.map(async (budget) => {
      const key = budgetKey(budget);
      const { hits } = await this.shared((from) => from.hit(key, window.ms, window.offsetMs));
      if (hits >= budget.limit) await this.shared((from) => from.setDeadline(`${key}:cooldown`, until));
    }));
  }

  /** Throws RATE_LIMITED while any of the budgets is cooling down. */
  async assertNotCooling(budgets: readonly Budget[]): Promise<void> {
    const deadlines = await Promise.all(budgets.map((budget) => this.shared((from) => from.findDeadline(`${budgetKey(budget)}:cooldown`))));
    const until = Math.max(...deadlines.map((deadline) => deadline ?? -Infinity));
    if (Number.isFinite(until)) throw rateLimited(until - this.now().getTime());
  }

  private shared<T>(use: (from: SharedCounters) => Promise<T>): Promise<T> {
    return use(this.counters).catch(() => use(this.fallback));
  }
}

/** The 429 of every budget: `details.retryAfterSeconds` becomes the Retry-After header (error-handler.ts). */
export function rateLimited(retryAfterMs: number): DomainError {
  return new DomainError("RATE_LIMITED", "too many requests", { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

/** Hashed: what a budget counts may be a bearer token, a phone's index or an IP, none of which sits in Redis in the clear. */
function budgetKey(budget: Budget): string {
  return `budget:${budget.name}:${createHash("sha256").update(budget.id).digest("base64url").slice(0, 22)}`;
}
