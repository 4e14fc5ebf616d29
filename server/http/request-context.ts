import { randomUUID } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { z } from "zod";
import type { Logger } from "../logging/create-logger";
import type { Translator } from "../i18n/create-translator";
import type { SupportedLang } from "../i18n/load-locales";

declare module "express-serve-static-core" {
  interface Request {
    id?: string;
    log?: Logger;
    translator?: Translator;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it looks safe, else a new UUID), a
 * child logger carrying it, and one access-log line when it finishes. No bodies, no queries.
 * The child logger is made when first used: most requests log nothing but the access line, and
 * none at all when info is off.
 */
export function requestContext(logger: Logger, translator: Translator): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get("x-request-id");
    const id = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, "log", {
      configurable: true, enumerable: true,
      get: () => (child ??= logger.child({ reqId: id })),
      set: (value: Logger | undefined) => {
        child = value;
      },
    });
    req.translator = translator;
    res.setHeader("X-Request-Id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (!logger.isLevelEnabled("info")) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log?.info({ method: req.method, route: req.route?.path ?? req.path.split("/").slice(0, 3).join("/"), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  };
}

/**
 * `?lang=` on routes where it only picks the language of the answer's texts: described as ko|en,
 * and anything else falls back as requestLang does (never a 422).
 */
export const lenientLangQuerySchema = z.unknown().optional().meta({ type: "string", enum: ["ko", "en"] });

/** The request's language: `?lang=`, else Accept-Language, else Korean. */
export function requestLang(req: Request): SupportedLang {
  const query = typeof req.query?.lang === "string" ? req.query.lang : undefined;
  if (query === "ko" || query === "en") return query;
  const accepted = req.acceptsLanguages("ko", "en");
  return accepted === "en" ? "en" : "ko";
}

export function translatorOf(req: Request): Translator | undefined {
  return req.translator;
}
