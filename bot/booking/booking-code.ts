/**
 * Booking codes are read aloud over the phone and copied by hand, so the alphabet leaves out
 * characters that are easily confused (B G I L O Q S U V Z 0 1 2 5 8) and the code is written in
 * two groups of three ("K7M-RX4").
 */
export const BOOKING_CODE_ALPHABET = "ACDEFHJKMNPRTWXY34679";
const LENGTH = 6;
/** The largest multiple of the alphabet size below 256: bytes above it are redrawn (no modulo bias). */
const UNBIASED_LIMIT = 256 - (256 % BOOKING_CODE_ALPHABET.length);

/** A source of random bytes, such as `(n) => crypto.randomBytes(n)`; tests pass a fixed one. */
export type RandomBytes = (n: number) => Uint8Array;

/** A new code ("K7M-RX4"), uniformly drawn from 21^6 ≈ 86 million. */
export function generateBookingCode(random: RandomBytes): string {
  const chars: string[] = [];
  for (let rounds = 0; chars.length < LENGTH; rounds++) {
    if (rounds > 64) throw new Error("the random source keeps returning unusable bytes");
    for (const byte of random(LENGTH * 2)) {
      if (byte >= UNBIASED_LIMIT || chars.length === LENGTH) continue;
      chars.push(BOOKING_CODE_ALPHABET.charAt(byte % BOOKING_CODE_ALPHABET.length));
    }
  }
  return formatBookingCode(chars.join(""));
}

/**
 * Reads a code as people type or dictate it: any case, with or without the hyphen, with spaces
 * ("k7m rx4", "K7MRX4"). Undefined when it cannot be one of ours.
 */
export function normalizeBookingCode(text: string): string | undefined {
  const compact = text.normalize("NFKC").toUpperCase().replace(/[\s\-‐‑‒–—]/g, "");
  if (compact.length !== LENGTH) return undefined;
  for (const char of compact) if (!BOOKING_CODE_ALPHABET.includes(char)) return undefined;
  return formatBookingCode(compact);
}

function formatBookingCode(compact: string): string {
  return `${compact.slice(0, 3)}-${compact.slice(3)}`;
}
