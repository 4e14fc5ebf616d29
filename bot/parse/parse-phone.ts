import type { Msg, ParseResult } from "../types";
import { foldText } from "./normalize-text";

const INVALID: Msg = { key: "parse.phone.invalid" };
const NOT_MOBILE: Msg = { key: "parse.phone.notMobile" };

/** 010 numbers have 8 digits after the prefix; the legacy 011/016/017/018/019 have 7 or 8. */
const MOBILE = /^(?:010\d{8}|01[16789]\d{7,8})$/;
/** Any other Korean number (02 Seoul, 031 Gyeonggi, 070 internet phone): valid, but not a mobile. */
const OTHER_KOREAN = /^0[2-9]\d{7,9}$/;

/**
 * Reads a Korean mobile number and returns its digits ("01012345678"), accepting hyphens,
 * dots, spaces, brackets and the +82 country code ("+82 10-1234-5678"). A landline is its own
 * reason, so the bot can ask for a mobile rather than repeat itself.
 */
export function parsePhone(text: string): ParseResult<string> {
  const folded = foldText(text);
  if (folded.length > 40 || !/^\+?[\d\s\-‐‑‒–—.()]+$/.test(folded)) return { ok: false, reason: INVALID };
  const digits = folded.replace(/[^\d]/g, "");
  const national =
    folded.startsWith("+") ? fromCountryCode(digits)
    : digits.startsWith("0082") ? fromCountryCode(digits.slice(2))
    : digits;
  if (national === undefined) return { ok: false, reason: INVALID };
  if (MOBILE.test(national)) return { ok: true, value: national };
  if (OTHER_KOREAN.test(national)) return { ok: false, reason: NOT_MOBILE };
  return { ok: false, reason: INVALID };
}

/** "821012345678" → "01012345678"; people also keep the trunk 0 ("+82 010…"). */
function fromCountryCode(digits: string): string | undefined {
  if (!digits.startsWith("82")) return undefined;
  const rest = digits.slice(2);
  return rest.startsWith("0") ? rest : `0${rest}`;
}

/**
 * Writes a normalized mobile number the way Koreans read it: "01012345678" → "010-1234-5678",
 * "0111234567" → "011-123-4567". Anything else comes back unchanged.
 */
export function formatPhone(digits: string): string {
  if (!MOBILE.test(digits)) return digits;
  const middle = digits.length === 11 ? 4 : 3;
  return `${digits.slice(0, 3)}-${digits.slice(3, 3 + middle)}-${digits.slice(3 + middle)}`;
}
