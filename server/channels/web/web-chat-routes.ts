import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { Router } from "express";
import { rateLimit } from "express-rate-limit";
import { DomainError } from "../../../bot/errors";
import type { SessionKey } from "../../../bot/ports";
import type { BookingChatStep, BookingConversation } from "../../conversation/booking-conversation";
import type { ConversationService } from "../../conversation/conversation-service";
import { toTurn } from "../../conversation/to-turn";
import { parseBody } from "../../http/json-body";
import { requestLang } from "../../http/request-context";
import type { Translator } from "../../i18n/create-translator";
import type { RateLimitStores } from "../../http/rate-limit-store";
import type { IntakeService } from "../../intake/intake-service";
import { createSessionBodySchema, sendMessageBodySchema, sessionIdSchema } from "./web-chat-schemas";

export type WebChatDeps = {
  conversations: ConversationService;
  /** The booking dialog after a triage and "예약 확인 / 변경 / 취소" at any time. */
  bookingChat: BookingConversation;
  translator: Translator;
  /** Erased with the conversation: the resident's erase request covers their intake too. */
  intakes: IntakeService;
  limits: { perIpPerMinute: number; perSessionPerMinute: number; perRelayPerMinute: number };
  /** Where the limiters count (shared by every instance with Redis); this process's memory when absent. */
  rateLimitStore?: RateLimitStores;
  /** Bearer tokens of trusted relays (the Botpress bot): their sessions are "botpress" sessions. */
  relayTokens: readonly string[];
};

/**
 * The web chat API of CONTRACT.md: create, send, resume, erase. A trusted relay calls the same
 * routes with `Authorization: Bearer <token>`; it gets its own sessions and its own rate limit.
 */
export function webChatRoutes(deps: WebChatDeps): Router {
  const router = Router();
  const relayOf = relayAuthenticator(deps.relayTokens);
  const keyOf = (req: Request, id: string): SessionKey => ({ channel: relayOf(req) === undefined ? "web" : "botpress", id });
  const tooMany = (_req: Request, _res: unknown, next: (error: unknown) => void) => next(new DomainError("RATE_LIMITED", "too many requests"));
  const perIp = rateLimit({ windowMs: 60_000, limit: deps.limits.perIpPerMinute, standardHeaders: "draft-7", legacyHeaders: false, handler: tooMany,
    skip: (req) => relayOf(req) !== undefined, store: deps.rateLimitStore?.("chat-ip") });
  const perRelay = rateLimit({ windowMs: 60_000, limit: deps.limits.perRelayPerMinute, standardHeaders: "draft-7", legacyHeaders: false, handler: tooMany,
    skip: (req) => relayOf(req) === undefined, keyGenerator: (req) => `relay:${String(relayOf(req))}`, store: deps.rateLimitStore?.("chat-relay") });
  const perSession = rateLimit({
    windowMs: 60_000, limit: deps.limits.perSessionPerMinute, standardHeaders: "draft-7", legacyHeaders: false, handler: tooMany,
    keyGenerator: (req) => `session:${String(req.params.id)}`, store: deps.rateLimitStore?.("chat-session"),
  });
  router.use("/api/chat", (req, _res, next) => {
    relayOf(req); // a wrong relay token answers 401 before anything else
    next();
  }, perIp, perRelay);

  router.post("/api/chat/sessions", async (req, res) => {
    const body = parseBody(createSessionBodySchema, req.body, { optional: true });
    const lang = body.lang ?? requestLang(req);
    const sessionId = randomBytes(16).toString("base64url");
    const step = await deps.conversations.start(keyOf(req, sessionId), lang);
    res.status(201).json({ sessionId, turn: toTurn(step.turn, deps.translator.forLang(step.session.state.lang)) });
  });

  router.post("/api/chat/sessions/:id/messages", perSession, async (req, res) => {
    const key = keyOf(req, sessionIdOf(req));
    const body = parseBody(sendMessageBodySchema, req.body);
    const session = await findOr404(deps.conversations, key);
    const step: BookingChatStep = await deps.bookingChat.reply(key, session, body) ?? await deps.conversations.reply(key, session, body);
    res.json({ turn: toWebTurn(deps, step) });
  });

  router.get("/api/chat/sessions/:id", perSession, async (req, res) => {
    const session = await findOr404(deps.conversations, keyOf(req, sessionIdOf(req)));
    const resumed = deps.bookingChat.current(session) ?? { turn: deps.conversations.current(session) };
    res.json({ turn: toWebTurn(deps, { session, ...resumed }) });
  });

  router.delete("/api/chat/sessions/:id", perSession, async (req, res) => {
    const key = keyOf(req, sessionIdOf(req));
    const intakeErased = await deps.intakes.eraseFor(key);
    const erased = await deps.conversations.erase(key);
    if (!erased && !intakeErased) throw new DomainError("SESSION_NOT_FOUND", "no such session");
    res.status(204).end();
  });

  return router;
}

/** The contract's Turn: a finished triage offers booking; a booking step carries its Booking. */
function toWebTurn(deps: WebChatDeps, step: Pick<BookingChatStep, "session" | "turn" | "booking">) {
  const turn = toTurn(deps.bookingChat.withOffer(step.turn), deps.translator.forLang(step.session.state.lang));
  return step.booking ? { ...turn, booking: step.booking } : turn;
}

/**
 * Who calls: undefined for the web (no bearer token), else a digest naming the relay token.
 * Tokens are compared as SHA-256 digests in constant time; an unknown bearer token is a 401.
 */
function relayAuthenticator(tokens: readonly string[]): (req: Request) => string | undefined {
  const known = tokens.map((token) => createHash("sha256").update(token).digest());
  return (req) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
    if (!match?.[1]) return undefined;
    const digest = createHash("sha256").update(match[1]).digest();
    const found = known.reduce((hit, candidate) => timingSafeEqual(candidate, digest) || hit, false);
    if (!found) throw new DomainError("UNAUTHORIZED", "unknown relay token");
    return digest.toString("hex").slice(0, 16);
  };
}

function sessionIdOf(req: Request): string {
  const parsed = sessionIdSchema.safeParse(req.params.id);
  if (!parsed.success) throw new DomainError("SESSION_NOT_FOUND", "no such session");
  return parsed.data;
}

async function findOr404(conversations: ConversationService, key: SessionKey) {
  const session = await conversations.find(key);
  if (!session) throw new DomainError("SESSION_NOT_FOUND", "no such session");
  return session;
}
