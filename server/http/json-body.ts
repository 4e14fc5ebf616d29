import express from "express";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import { DomainError } from "../../bot/errors";
import { validationError } from "./error-handler";

/**
 * JSON bodies only: a body of another type is 415, malformed JSON 400 and an oversized one 413
 * (through the error funnel). A request without a body passes with `req.body` undefined, and so
 * does one `skip` picks (left for a parser mounted later, such as the admins' larger one).
 */
export function jsonBody(limit: string, options: { skip?: (req: Request) => boolean } = {}): RequestHandler[] {
  const parse = express.json({ limit, strict: false, type: () => true });
  const skip = options.skip ?? (() => false);
  const requireJsonType: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
    if (!hasBody(req) || skip(req)) return next();
    if (!req.is("application/json") && !req.is("application/*+json")) return next(new DomainError("UNSUPPORTED_MEDIA_TYPE", "send application/json"));
    next();
  };
  return [requireJsonType, (req, res, next) => (hasBody(req) && !skip(req) ? parse(req, res, next) : next())];
}

function hasBody(req: Request): boolean {
  const length = req.get("content-length");
  return (length !== undefined && length !== "0") || req.get("transfer-encoding") !== undefined;
}

/** Parses a request body with a zod schema: 400 when absent (unless allowed), 422 listing problems. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, options: { optional?: boolean } = {}): z.infer<S> {
  if (body === undefined && !options.optional) throw new DomainError("BODY_REQUIRED", "a JSON body is required");
  const result = schema.safeParse(body === undefined ? {} : body);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
