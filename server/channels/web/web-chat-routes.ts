import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { Router } from "express";
import { rateLimit } from "express-rate-limit";
import { DomainError } from "../../../bot/errors";
import type { SessionKey } from "../../../bot/ports";
import type { ChatResult, ChatService } from "../../conversation/chat-service";
import { toTurn } from "../../conversation/to-turn";
import { parseBody } from "../../http/json-body";
import { requestLang } from "../../http/request-context";
import type { Translator } from "../../i18n/create-translator";
import { createSessionBodySchema, sendMessageBodySchema, sessionIdSchema, toChatInput } from "./web-chat-schemas";

export type WebChatDeps = {
  chat: ChatService;
  translator: Translator;
  limits: { perIpPerMinute: number; perSessionPerMinute: number; perRelayPerMinute: number };
  /** Bearer tokens of trusted relays (the Botpress bot): their sessions are "botpress" sessions. */
  relayTokens: readonly string[];
};

/**
 * The web chat API of CONTRACT.md: create, send, resume, erase — each a conversion of the
 * request into one ChatInput for the conversation core and of its turn into the contract's Turn.
 * A trusted relay calls the same routes with `Authorization: Bearer <token>`; it gets its own
 * sessions and its own rate limit.
 */
export function webChatRoutes(deps: WebChatDeps): Router {
  const router = Router();
  const relayOf = relayAuthenticator(deps.relayTokens);
  const keyOf = (req: Request, id: string): SessionKey => ({ channel: relayOf(req) === undefined ? "web" : "botpress", id });
  const tooMany = (_req: Request, _res: unknown, next: (error: unknown) => void) => next(new DomainError("RATE_LIMITED", "too many requests"));
  const perIp = rateLimit({ windowMs: 60_000, limit: deps.limits.perIpPerMinute, standardHeaders: "draft-7", legacyHeaders: false, handler: tooMany,
    skip: (req) => relayOf(req) !== undefined });
  const perRelay = rateLimit({ windowMs: 60_000, limit: deps.limits.perRelayPerMinute, standardHeaders: "draft-7", legacyHeaders: false, handler: tooMany,
    skip: (req) => relayOf(req) === undefined, keyGenerator: (req) => `relay:${String(relayOf(req))}` });
  const perSession = rateLimit({
    windowMs: 60_000, limit: deps.limits.perSessionPerMinute, standardHeaders: "draft-7", legacyHeaders: false, handler: tooMany,
    keyGenerator: (req) => `session:${String(req.params.id)}`,
  });
  router.use("/api/chat", (req, _res, next) => {
    relayOf(req); // a wrong relay token answers 401 before anything else
    next();
  }, perIp, perRelay);

  router.post("/api/chat/sessions", async (req, res) => {
    const body = parseBody(createSessionBodySchema, req.body, { optional: true });
    const sessionId = randomBytes(16).toString("base64url");
    const result = await deps.chat.handle(keyOf(req, sessionId), { kind: "start", lang: body.lang ?? requestLang(req) });
    res.status(201).json({ sessionId, turn: toWebTurn(deps, result) });
  });

  router.post("/api/chat/sessions/:id/messages", perSession, async (req, res) => {
    const key = keyOf(req, sessionIdOf(req));
    const body = parseBody(sendMessageBodySchema, req.body);
    res.json({ turn: toWebTurn(deps, await deps.chat.handle(key, toChatInput(body))) });
  });

  router.get("/api/chat/sessions/:id", perSession, async (req, res) => {
    res.json({ turn: toWebTurn(deps, await deps.chat.handle(keyOf(req, sessionIdOf(req)), { kind: "resume" })) });
  });

  router.delete("/api/chat/sessions/:id", perSession, async (req, res) => {
    const result = await deps.chat.handle(keyOf(req, sessionIdOf(req)), { kind: "command", command: "erase" });
    if (!result.erased) throw new DomainError("SESSION_NOT_FOUND", "no such session");
    res.status(204).end();
  });

  return router;
}

function toWebTurn(deps: WebChatDeps, result: ChatResult) {
  return toTurn(result.turn, deps.translator.forLang(result.lang, result.wording));
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
