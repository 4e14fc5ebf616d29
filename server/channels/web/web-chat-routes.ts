import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { turnSchema } from "../../../bot/contract/turn-schema";
import { DomainError } from "../../../bot/errors";
import type { SessionKey } from "../../../bot/ports";
import type { ChatOrigin } from "../../conversation/booking-effects";
import type { ChatResult, ChatService } from "../../conversation/chat-service";
import { toTurn } from "../../conversation/to-turn";
import type { Route } from "../../http/define-route";
import { NO_BODY, NO_CONTENT, NO_PARAMS, NO_QUERY, defineRoute, mountRoutes } from "../../http/define-route";
import { requestLang } from "../../http/request-context";
import type { Translator } from "../../i18n/create-translator";
import { createSessionBodySchema, langQuerySchema, sendMessageBodySchema, sessionIdSchema, toChatInput } from "./web-chat-schemas";
import type { RateLimitStores } from "../../http/rate-limit-store";

export type WebChatDeps = {
  chat: ChatService;
  translator: Translator;
  limits: { perIpPerMinute: number; perSessionPerMinute: number; perRelayPerMinute: number };
  /** Where the limiters count (shared by every instance with Redis); this process's memory when absent. */
  rateLimitStore?: RateLimitStores;
  /** Bearer tokens of trusted relays (the Botpress bot): their sessions are "botpress" sessions. */
  relayTokens: readonly string[];
};

/**
 * The web chat API of CONTRACT.md: create, send, resume, erase — each a conversion of the
 * request into one ChatInput for the conversation core and of its turn into the contract's Turn.
 * A trusted relay calls the same routes with `Authorization: Bearer <token>`; it gets its own
 * sessions and its own rate limit.
 */
export function webChatRoutes(deps: WebChatDeps): { router: Router; routes: Route[] } {
  const router = Router();
  const relayOf = relayAuthenticator(deps.relayTokens);
  const keyOf = (req: Request, id: string): SessionKey => ({ channel: relayOf(req) === undefined ? "web" : "botpress", id });
  // A relay carries many residents from its own address: its sessions are counted one by one, not by IP.
  const originOf = (req: Request): ChatOrigin => (relayOf(req) === undefined && req.ip !== undefined ? { ip: req.ip } : {});
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

  const sessionParams = { schema: z.object({ id: sessionIdSchema }), invalid: () => new DomainError("SESSION_NOT_FOUND", "no such session") };
  const turnBody = z.object({ turn: turnSchema });
  const common = {
    401: "A bearer token that is not a relay token", 404: "Unknown, expired or erased session", 429: "Rate limited (Retry-After)",
    503: "The session store is down (Retry-After)",
  } as const;
  const routes = [
    defineRoute({
      method: "post", path: "/api/chat/sessions", summary: "Start a conversation",
      body: { schema: createSessionBodySchema, optional: true }, query: langQuerySchema, params: { schema: NO_PARAMS },
      success: { status: 201, description: "The new session's id (128 random bits, base64url) and its first turn", schema: z.object({ sessionId: z.string(), turn: turnSchema }) },
      problems: { 400: "Malformed JSON", 401: common[401], 415: "Not application/json", 422: "Unknown fields or an unsupported language", 429: common[429], 503: common[503] },
      handle: async ({ body, req }) => {
        const sessionId = randomBytes(16).toString("base64url");
        const result = await deps.chat.handle(keyOf(req, sessionId), { kind: "start", lang: body?.lang ?? requestLang(req) });
        return { sessionId, turn: toWebTurn(deps, result) };
      },
    }),
    defineRoute({
      method: "post", path: "/api/chat/sessions/{id}/messages", summary: "Send typed text, a tapped option or a command",
      description: "An answer that does not parse is asked again in the turn, never an error. Crisis, threat and violence words in any text bring the urgent help (turn.urgent) in the same turn.",
      body: { schema: sendMessageBodySchema }, query: langQuerySchema, params: sessionParams, middleware: [perSession],
      success: { status: 200, description: "The next turn", schema: turnBody },
      problems: { 400: "Malformed JSON or no body", 401: common[401], 404: common[404], 413: "Body too large", 415: "Not application/json", 422: "Neither text, optionId nor command", 429: common[429], 503: common[503] },
      handle: async ({ body, params, req }) => ({ turn: toWebTurn(deps, await deps.chat.handle(keyOf(req, params.id), toChatInput(body), undefined, originOf(req))) }),
    }),
    defineRoute({
      method: "get", path: "/api/chat/sessions/{id}", summary: "The current turn again, to resume after a reload (urgent help included)",
      body: NO_BODY, query: langQuerySchema, params: sessionParams, middleware: [perSession],
      success: { status: 200, description: "The current turn", schema: turnBody },
      problems: { 401: common[401], 404: common[404], 429: common[429], 503: common[503] },
      handle: async ({ params, req }) => ({ turn: toWebTurn(deps, await deps.chat.handle(keyOf(req, params.id), { kind: "resume" })) }),
    }),
    defineRoute({
      method: "delete", path: "/api/chat/sessions/{id}", summary: "Erase the conversation and its intake",
      body: NO_BODY, query: NO_QUERY, params: sessionParams, middleware: [perSession],
      success: { status: 204, description: "Erased", schema: NO_CONTENT },
      problems: { 401: common[401], 404: common[404], 429: common[429], 503: common[503] },
      handle: async ({ params, req }) => {
        if (!(await deps.chat.erase(keyOf(req, params.id)))) throw new DomainError("SESSION_NOT_FOUND", "no such session");
        return undefined;
      },
    }),
  ];
  mountRoutes(router, routes);
  return { router, routes };
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
