/**
 * Budgets a test about something else never reaches: contention and crash tests book hundreds of
 * times from 127.0.0.1. The limits themselves are tested in test/integration/limits/.
 */
export const GENEROUS_LIMITS: Record<string, string> = {
  RATE_LIMIT_IP_PER_MINUTE: "100000",
  RATE_LIMIT_BOOKINGS_PER_IP_PER_DAY: "100000",
  RATE_LIMIT_BOOKINGS_PER_USER_PER_DAY: "100000",
  RATE_LIMIT_HOLDS_PER_IP_PER_DAY: "100000",
  RATE_LIMIT_HOLDS_PER_USER_PER_DAY: "100000",
};
