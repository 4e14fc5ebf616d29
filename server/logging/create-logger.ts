import pino from "pino";
import type { Logger } from "pino";

/**
 * Fields that may hold what residents told us. They are censored wherever they appear in a log
 * object; code should not log them at all, this is the net under that rule.
 */
export const REDACTED_PATHS = [
  "name", "phone", "text", "utterance", "facts", "answers", "body", "state",
  "*.name", "*.phone", "*.text", "*.utterance", "*.facts", "*.answers", "*.body", "*.state",
  "req.headers.authorization", "req.headers.cookie", "req.body", "userRequest", "*.userRequest",
  "headers.authorization", "headers.cookie", "headers[\"x-kakao-secret\"]",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, base: { service: "hanbeon" } }, destination);
}

export type { Logger };
