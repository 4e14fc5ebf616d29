import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler, Router } from "express";
import { z } from "zod";
import type { ChatInput } from "../../../bot/conversation/chat-input";
import { chatCommandSchema } from "../../../bot/conversation/chat-input";
import { DomainError } from "../../../bot/errors";
import type { SessionKey } from "../../../bot/ports";
import type { Config } from "../../config";
import type { ChatOrigin } from "../../conversation/booking-effects";
import { jsonBody } from "../../http/json-body";
import type { RequestBudgets } from "../../http/request-budget";
import type { ChatService } from "../../conversation/chat-service";
import type { Translator } from "../../i18n/create-translator";
import type { Logger } from "../../logging/create-logger";
import type { Metrics } from "../../observability/metrics";
import type { Route } from "../../http/define-route";
import { NO_PARAMS, NO_QUERY, declareRoutes, defineRoute } from "../../http/define-route";
import type { SkillPayload, SkillResponse } from "./kakao-payload-schema";
import { langOf, optionIdOf, parseSkillPayload, skillPayloadSchema, skillResponseSchema } from "./kakao-payload-schema";
import { COMMAND_OPTION_PREFIX, MORE_OPTION_ID, toKakaoApology, toKakaoLimited, toKakaoResponse } from "./to-kakao-response";
import type { CancelTimer, Timers } from "../../timing/timers";

export type KakaoSkillDeps = {
  chat: ChatService;
  translator: Translator;
  metrics: Metrics;
  config: Pick<Config, "KAKAO_BOT_ID" | "KAKAO_SECRET_HEADER" | "KAKAO_SECRET" | "KAKAO_DEADLINE_MS" | "KAKAO_CALLBACK_ENABLED" | "KAKAO_CALLBACK_ORIGIN" | "BODY_LIMIT"
    | "RATE_LIMIT_SESSION_PER_MINUTE" | "RATE_LIMIT_IP_PER_MINUTE">;
  /** Keeps the deadline and the callback's budget. */
  timers: Timers;
  /** Turns per Kakao user and per IP and minute, counted by every instance (with Redis). */
  budgets: RequestBudgets;
};

const MINUTE = { ms: 60_000 };

/** What is read of an utterance (Kakao sends at most 1,000 characters; the web takes 2,000). */
const MAX_UTTERANCE = 2000;

/**
 * POST /kakao/skill: the Kakao i Open Builder skill webhook. Sender checks (shared-secret header,
 * our bot id) answer 401/403 and a body that is not a skill payload 400/422; past those, every
 * answer is HTTP 200 with a valid SkillResponse within KAKAO_DEADLINE_MS, an apology when the
 * store is down, something breaks or the deadline passes; and, past a limit (turns per user or IP
 * and minute, the booking budgets), an apology saying to try again later.
 */
export function kakaoSkillRoutes(deps: KakaoSkillDeps): { router: Router; routes: Route[] } {
  // The shared secret is checked before a byte of the body is read: a caller without it gets 401
  // whatever it sends (malformed, oversized, another content type).
  const checkSecret: RequestHandler = (req, _res, next) => {
    assertSecret(req, deps.config);
    next();
  };
  return declareRoutes([defineRoute({
    method: "post", path: "/kakao/skill", summary: "Kakao i Open Builder skill webhook (SkillPayload in, SkillResponse 2.0 out)",
    description: "Past the sender checks, always 200 with a valid SkillResponse: an apology when something fails or runs late, or when a limit is reached (messages per Kakao user and, without the shared secret, per IP and minute; holds, bookings and code+phone guesses: docs/security.md#limits).",
    middleware: [checkSecret, ...jsonBody(deps.config.BODY_LIMIT)],
    // Read by parseSkillPayload: a body that is no skill payload at all is 400, one with wrong types 422.
    body: { schema: z.unknown(), doc: skillPayloadSchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
    success: { status: 200, description: "SkillResponse version 2.0 (or useCallback with a short text, the full answer posted to the callback URL)", schema: z.union([skillResponseSchema, callbackAckSchema]) },
    problems: {
      400: "Malformed JSON or not a skill payload", 401: "Missing or wrong shared-secret header (when configured)",
      403: "The payload names another bot (when KAKAO_BOT_ID is set)", 413: "Body too large",
      415: "Not application/json", 422: "A skill payload with wrong types; details lists {path, message}",
    },
    handle: async ({ body, req }) => answerSkill(deps, req, parseSkillPayload(body)),
  })]);
}

/** The immediate answer to typed text when Kakao's callback is on: the full answer is posted to the callback URL. */
const callbackAckSchema = z.object({ version: z.literal("2.0"), useCallback: z.literal(true), data: z.object({ text: z.string() }) });
type CallbackAck = z.infer<typeof callbackAckSchema>;

/** A checked payload's answer: the turn within the deadline, useCallback, or an apology. */
async function answerSkill(deps: KakaoSkillDeps, req: Request, payload: SkillPayload): Promise<SkillResponse | CallbackAck> {
  if (deps.config.KAKAO_BOT_ID !== undefined && payload.bot.id !== deps.config.KAKAO_BOT_ID) {
    throw new DomainError("FORBIDDEN", "skill called for another bot");
  }
  const key = kakaoKey(payload);
  const t = deps.translator.forLang(langOf(payload));
  const apology = toKakaoApology(t);
  // Kakao's servers carry every resident: behind its secret the IP is theirs and only the user counts.
  const origin: ChatOrigin = secretConfigured(deps.config) || req.ip === undefined ? {} : { ip: req.ip };
  try {
    await deps.budgets.spend([
      { name: "kakao-user", id: key.id, limit: deps.config.RATE_LIMIT_SESSION_PER_MINUTE },
      ...(origin.ip === undefined ? [] : [{ name: "kakao-ip", id: origin.ip, limit: deps.config.RATE_LIMIT_IP_PER_MINUTE }]),
    ], MINUTE);
  } catch (error) {
    if (!isRateLimited(error)) throw error;
    deps.metrics.events.inc({ kind: "kakao_limited" });
    return toKakaoLimited(t);
  }
  const callbackUrl = callbackUrlOf(payload, deps.config);
  if (callbackUrl !== undefined) {
    // Typed text may need the language model: answer at once, post the full answer within the minute.
    void answerByCallback(deps, req.log, key, callbackUrl, handleSkillMessage(deps, key, payload, origin), apology, payload);
    return { version: "2.0", useCallback: true, data: { text: t("kakao.callbackWait") } };
  }
  const work = handleSkillMessage(deps, key, payload, origin);
  try {
    const outcome = await withinDeadline(deps.timers, work, deps.config.KAKAO_DEADLINE_MS);
    if (outcome.done) return outcome.value;
    req.log?.warn({ session: key.id, deadlineMs: deps.config.KAKAO_DEADLINE_MS }, "kakao skill overran its deadline; apologized");
    deps.metrics.events.inc({ kind: "kakao_overrun" });
    work.catch((error: unknown) => logFailure(req.log, key, error, "after the deadline"));
    return apology;
  } catch (error) {
    if (isRateLimited(error)) {
      deps.metrics.events.inc({ kind: "kakao_limited" });
      return toKakaoLimited(t);
    }
    logFailure(req.log, key, error, "before the deadline");
    deps.metrics.events.inc({ kind: "kakao_apology" });
    return apology;
  }
}

/** One message from Kakao, converted both ways around the one conversation core. */
async function handleSkillMessage(deps: KakaoSkillDeps, key: SessionKey, payload: SkillPayload, origin: ChatOrigin): Promise<SkillResponse> {
  const result = await deps.chat.handle(key, toChatInput(payload), langOf(payload), origin);
  return toKakaoResponse(result.turn, deps.translator.forLang(result.lang, result.wording));
}

/**
 * A skill payload as the conversation's input: a quick reply carries its option id (commands as
 * `cmd:<command>`, the next page of options as "kakao:more"); anything else is typed text.
 */
export function toChatInput(payload: SkillPayload): ChatInput {
  const optionId = optionIdOf(payload);
  if (optionId === MORE_OPTION_ID) return { kind: "command", command: "more" };
  if (optionId?.startsWith(COMMAND_OPTION_PREFIX) === true) {
    const command = chatCommandSchema.safeParse(optionId.slice(COMMAND_OPTION_PREFIX.length));
    if (command.success) return { kind: "command", command: command.data };
  }
  if (optionId !== undefined) return { kind: "option", id: optionId };
  return { kind: "text", text: payload.userRequest.utterance.slice(0, MAX_UTTERANCE) };
}

/** Kakao keeps a callback URL usable for one minute; leave room for the POST itself. */
const CALLBACK_WORK_MS = 50_000;
const CALLBACK_POST_TIMEOUT_MS = 5_000;

/** The callback URL when callbacks are on, the input is typed text, and the URL is Kakao's own. */
function callbackUrlOf(payload: SkillPayload, config: KakaoSkillDeps["config"]): string | undefined {
  const url = payload.userRequest.callbackUrl;
  if (!config.KAKAO_CALLBACK_ENABLED || url === undefined || optionIdOf(payload) !== undefined) return undefined;
  try {
    return new URL(url).origin === new URL(config.KAKAO_CALLBACK_ORIGIN).origin ? url : undefined;
  } catch {
    return undefined;
  }
}

async function answerByCallback(
  deps: KakaoSkillDeps, log: Logger | undefined, key: SessionKey, url: string, work: Promise<SkillResponse>, apology: SkillResponse, payload: SkillPayload,
): Promise<void> {
  let answer = apology;
  try {
    const outcome = await withinDeadline(deps.timers, work, CALLBACK_WORK_MS);
    if (outcome.done) answer = outcome.value;
    else deps.metrics.events.inc({ kind: "kakao_overrun" });
  } catch (error) {
    if (isRateLimited(error)) answer = toKakaoLimited(deps.translator.forLang(langOf(payload)));
    else logFailure(log, key, error, "before the callback");
  }
  try {
    const response = await fetch(url, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(answer),
      redirect: "error", signal: AbortSignal.timeout(CALLBACK_POST_TIMEOUT_MS),
    });
    deps.metrics.events.inc({ kind: response.ok ? "kakao_callback_sent" : "kakao_callback_failed" });
    if (!response.ok) log?.warn({ session: key.id, status: response.status }, "kakao callback refused");
  } catch (error) {
    deps.metrics.events.inc({ kind: "kakao_callback_failed" });
    log?.warn({ session: key.id, err: { name: error instanceof Error ? error.name : "unknown" } }, "kakao callback could not be posted");
  }
}

/** The session key: a SHA-256 of bot id and botUserKey, so the raw key is never stored or logged. */
export function kakaoKey(payload: SkillPayload): SessionKey {
  const id = createHash("sha256").update(`${payload.bot.id}:${payload.userRequest.user.id}`).digest("hex");
  return { channel: "kakao", id };
}

function secretConfigured(config: KakaoSkillDeps["config"]): boolean {
  return config.KAKAO_SECRET_HEADER !== undefined && config.KAKAO_SECRET !== undefined;
}

function isRateLimited(error: unknown): boolean {
  return error instanceof DomainError && error.code === "RATE_LIMITED";
}

/** When a shared secret is configured, the header must match it (compared in constant time). */
function assertSecret(req: Request, config: KakaoSkillDeps["config"]): void {
  if (config.KAKAO_SECRET_HEADER === undefined || config.KAKAO_SECRET === undefined) return;
  const given = req.get(config.KAKAO_SECRET_HEADER) ?? "";
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  if (given.length === 0 || !timingSafeEqual(digest(given), digest(config.KAKAO_SECRET))) {
    throw new DomainError("UNAUTHORIZED", "missing or wrong Kakao skill secret");
  }
}

type Outcome<T> = { done: true; value: T } | { done: false };

/** The work's result, or `done: false` once `ms` have passed on `timers` (the work keeps running). */
async function withinDeadline<T>(timers: Timers, work: Promise<T>, ms: number): Promise<Outcome<T>> {
  let cancel: CancelTimer = () => {};
  const late = new Promise<Outcome<T>>((resolve) => {
    cancel = timers.after(ms, () => resolve({ done: false }));
  });
  try {
    return await Promise.race([work.then((value): Outcome<T> => ({ done: true, value })), late]);
  } finally {
    cancel();
  }
}

/** A store outage is expected weather (warn); anything else is a bug (error). Only the hashed key is logged. */
function logFailure(log: Logger | undefined, key: SessionKey, error: unknown, when: string): void {
  if (error instanceof DomainError && error.code === "DEPENDENCY_UNAVAILABLE") {
    log?.warn({ session: key.id, code: error.code, cause: causeOf(error) }, `kakao skill: session store unavailable ${when}`);
    return;
  }
  log?.error({ session: key.id, err: error }, `kakao skill failed ${when}`);
}

function causeOf(error: Error): string | undefined {
  return error.cause instanceof Error ? error.cause.message : undefined;
}
