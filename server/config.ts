import { z } from "zod";
import { isDataEncryptionKey } from "./security/personal-data-cipher";

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Every environment variable the server reads; the README's configuration table mirrors it. */
export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** PostgreSQL for the records (several instances share it); without it they live in SQLite under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections each instance keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Redis for what is shared and fleeting: chat sessions, rate-limit counters, publish notifications. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /** Prefix of every Redis key, so several deployments or test files can share one Redis. */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{0,40}$/).default("hanbeon:"),
  /** A conversation is forgotten after this many idle days. */
  SESSION_IDLE_DAYS: z.coerce.number().min(0.0001).max(90).default(7),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_SESSION_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Trusted relays (the Botpress bot): comma-separated bearer tokens, each at least 32 characters. */
  RELAY_TOKENS: z.string().transform((v) => v.split(",").map((t) => t.trim()).filter((t) => t !== ""))
    .pipe(z.array(z.string().min(32, "each relay token needs at least 32 characters"))).default([]),
  /** Requests per minute of one relay token (it carries many residents, so above the per-IP limit). */
  RATE_LIMIT_RELAY_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Holds and bookings (docs/security.md#limits): per resident and per client IP per Seoul day, on every channel. */
  RATE_LIMIT_HOLDS_PER_USER_PER_DAY: z.coerce.number().int().min(1).default(12),
  RATE_LIMIT_HOLDS_PER_IP_PER_DAY: z.coerce.number().int().min(1).default(40),
  RATE_LIMIT_BOOKINGS_PER_USER_PER_DAY: z.coerce.number().int().min(1).default(3),
  RATE_LIMIT_BOOKINGS_PER_IP_PER_DAY: z.coerce.number().int().min(1).default(10),
  /** Wrong code+phone guesses (lookup, cancel, reschedule) per code, per phone and per resident before a cool-down; per IP four times as many. */
  RATE_LIMIT_WRONG_GUESSES: z.coerce.number().int().min(1).max(100).default(5),
  RATE_LIMIT_GUESS_COOLDOWN_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Staff see a flood flag on appointments whose source (keyed hash of the booking IP) holds at least this many active bookings. */
  FLOOD_BOOKINGS_PER_SOURCE: z.coerce.number().int().min(2).default(5),
  /** Kakao skill: our bot's id (others are refused when set) and an optional shared-secret header. */
  KAKAO_BOT_ID: z.string().min(1).optional(),
  KAKAO_SECRET_HEADER: z.string().regex(/^[A-Za-z0-9-]+$/, "an HTTP header name").optional(),
  KAKAO_SECRET: z.string().min(16, "at least 16 characters").optional(),
  /** Production without KAKAO_SECRET or KAKAO_BOT_ID refuses to start unless this says so on purpose. */
  KAKAO_ALLOW_UNAUTHENTICATED: flag.default(false),
  /** Answer Kakao within this many milliseconds (Kakao gives up at 5000). */
  KAKAO_DEADLINE_MS: z.coerce.number().int().min(200).max(4500).default(3000),
  /** Kakao's callback (an approved "AI 챗봇"): typed answers get useCallback and the full answer later. */
  KAKAO_CALLBACK_ENABLED: flag.default(false),
  /** The only origin callbacks are posted to (SSRF guard); tests point it at a local receiver. */
  KAKAO_CALLBACK_ORIGIN: z.url().default("https://bot-api.kakao.com"),
  /** Largest accepted JSON body. */
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, "a size such as 100kb").default("100kb"),
  /**
   * Largest JSON body on /api/admin, read only after the admin guard: a flow draft is up to
   * 200,000 characters of YAML plus its Korean and English texts, which outgrows BODY_LIMIT.
   */
  ADMIN_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, "a size such as 2mb").default("2mb"),
  /** Express "trust proxy" setting: hops of reverse proxies in front of us (0 = none). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  CENTER_NAME_KO: z.string().min(1).default("경기도 서민금융복지지원센터 의정부 원스톱 통합센터"),
  CENTER_NAME_EN: z.string().min(1).default("Gyeonggi Financial Welfare Center, Uijeongbu One-Stop Center"),
  /** From a 2021 press report (domain-ko.md §0, [S]): verify before launch. */
  CENTER_PHONE: z.string().regex(/^[0-9-]{4,20}$/, "digits and hyphens, e.g. 1899-6014").default("1899-6014"),
  CENTER_ADDRESS_KO: z.string().min(1).default("경기도 의정부시 (경기복지재단 북부센터, 회룡역 인근)"),
  CENTER_ADDRESS_EN: z.string().min(1).default("Uijeongbu, Gyeonggi-do (Gyeonggi Welfare Foundation northern office, near Hoeryong station)"),
  CENTER_DIRECTIONS_KO: z.string().min(1).default("회룡역(1호선·의정부경전철) 근처 경기복지재단 북부센터 건물이에요. 자세한 길은 센터 누리집이나 전화로 물어봐 주세요."),
  CENTER_DIRECTIONS_EN: z.string().min(1).default("In the Gyeonggi Welfare Foundation northern office building near Hoeryong station (Line 1, U Line). Ask the center's web site or phone for the exact way."),
  CENTER_URL: z.url().default("https://gcfwc.ggwf.or.kr"),
  /** Serve /metrics at all; where and to whom is METRICS_PORT, METRICS_TOKEN and METRICS_PUBLIC. */
  METRICS_ENABLED: flag.default(true),
  /** Opening hours, counsellors per specialty and booking policy (YAML); the shipped flows/schedule/schedule.yaml when unset. */
  SCHEDULE_FILE: z.string().min(1).optional(),
  /** Day-before reminders: run the outbox job in this instance (every instance may; leases share the work). */
  REMINDERS_ENABLED: flag.default(true),
  REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How reminders are delivered: written to the log, or POSTed to REMINDER_WEBHOOK_URL. */
  NOTIFIER: z.enum(["log", "webhook"]).default("log"),
  REMINDER_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Optional: signs each webhook body (X-Hanbeon-Signature: sha256=<HMAC>). */
  REMINDER_WEBHOOK_SECRET: z.string().min(16, "at least 16 characters").optional(),
  REMINDER_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(5000),
  /** With NOTIFIER=webhook: API bookings wait for a 6-digit code sent to the phone (docs/booking.md). */
  BOOKING_PHONE_CONFIRMATION: flag.default(true),
  /** Staff console: a session ends after this many idle minutes (sliding). */
  STAFF_IDLE_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30),
  /** Staff console: failed logins one client IP may make per 15 minutes (then 429). */
  STAFF_LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(5).max(10_000).default(20),
  /** Seals names, phones and intakes at rest (AES-256-GCM): base64 of 32 random bytes. Required in production. */
  DATA_ENCRYPTION_KEY: z.string().refine(isDataEncryptionKey, "base64 of 32 bytes (openssl rand -base64 32)").optional(),
  /** Optional model for reading free-text stories (off when OPENAI_API_KEY is unset): key, OpenAI-compatible base URL with /v1, model name. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  /** The model's time budget per message; past it the deterministic reading is used. */
  EXTRACTION_BUDGET_MS: z.coerce.number().int().min(100).max(4000).default(2500),
  /** An intake is deleted this many days after its appointment… */
  INTAKE_RETENTION_AFTER_APPOINTMENT_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** …or this many days after a triage that led to no booking. */
  INTAKE_RETENTION_NO_BOOKING_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** A booking, with its name and phone, is deleted this many days after its appointment (cancelled or not). */
  BOOKING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** How often the retention job deletes expired intakes, bookings, sessions and holds (default daily). */
  INTAKE_RETENTION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(604800).default(86400),
  /** How long start-up waits for the stores (Redis connected, published flows, rules and schedule read) before giving up. */
  STARTUP_WAIT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** /metrics on the main port asks for `Authorization: Bearer <METRICS_TOKEN>` (on METRICS_PORT too, when both are set). */
  METRICS_TOKEN: z.string().min(32, "at least 32 characters").optional(),
  /** /metrics on its own listener (METRICS_HOST:METRICS_PORT) instead of the main port. */
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * /metrics on the main port for anyone, without a token. Unset: open outside production (the
   * contract lists GET /metrics; a warning says so at start), closed in production.
   */
  METRICS_PUBLIC: flag.optional(),
  /** A client must send its headers within this many ms, and its whole request within the next; else 408 and the socket closes. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** An idle kept-alive socket closes after this many ms (keep it above a load balancer's idle timeout). */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Open sockets one instance accepts; past it new ones are dropped. */
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
});
export type Config = z.infer<typeof configSchema>;

const withPairs = configSchema.refine((c) => (c.KAKAO_SECRET_HEADER === undefined) === (c.KAKAO_SECRET === undefined), {
  message: "set KAKAO_SECRET_HEADER and KAKAO_SECRET together", path: ["KAKAO_SECRET"],
}).refine((c) => c.NODE_ENV !== "production" || c.KAKAO_ALLOW_UNAUTHENTICATED || isKakaoAuthenticated(c), {
  // Without either, anyone who learns a resident's botUserKey is that resident on /kakao/skill.
  message: "set KAKAO_SECRET_HEADER and KAKAO_SECRET (or at least KAKAO_BOT_ID) in production, or KAKAO_ALLOW_UNAUTHENTICATED=true on purpose", path: ["KAKAO_SECRET"],
}).refine((c) => c.NOTIFIER !== "webhook" || c.REMINDER_WEBHOOK_URL !== undefined, {
  message: "required when NOTIFIER=webhook (the relay that sends SMS or 알림톡)", path: ["REMINDER_WEBHOOK_URL"],
}).refine((c) => c.HTTP_HEADERS_TIMEOUT_MS <= c.HTTP_REQUEST_TIMEOUT_MS, {
  message: "must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)", path: ["HTTP_HEADERS_TIMEOUT_MS"],
}).refine((c) => c.METRICS_PORT === undefined || c.METRICS_PORT !== c.PORT, {
  message: "must differ from PORT", path: ["METRICS_PORT"],
}).refine((c) => c.NODE_ENV !== "production" || c.DATA_ENCRYPTION_KEY !== undefined, {
  message: "required in production: base64 of 32 bytes that seals names, phones and intakes", path: ["DATA_ENCRYPTION_KEY"],
});

/** Whether /kakao/skill checks its caller at all: the shared secret, or at least our bot id. */
export function isKakaoAuthenticated(config: Pick<Config, "KAKAO_SECRET" | "KAKAO_BOT_ID">): boolean {
  return config.KAKAO_SECRET !== undefined || config.KAKAO_BOT_ID !== undefined;
}

/** Parses the environment; a bad value stops start-up with a message naming each variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = withPairs.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
}

export class ConfigError extends Error {
  override name = "ConfigError";
}
