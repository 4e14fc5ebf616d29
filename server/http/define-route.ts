import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { Request, RequestHandler, Response } from "express";
import { Router } from "express";
import { z } from "zod";
import { DomainError } from "../../bot/errors";
import { validationError } from "./error-handler";
import { parseBody } from "./json-body";

type Method = "get" | "post" | "put" | "patch" | "delete";
type AnyObject = z.ZodObject;

/** For routes that take no body, no query or no path params. */
const NO_BODY_SCHEMA = z.undefined();
export const NO_BODY: { schema: z.ZodType; optional: boolean } = { schema: NO_BODY_SCHEMA, optional: true };
export const NO_QUERY = z.object({}).loose();
export const NO_PARAMS = z.object({});

/** A success answer that is no JSON: a download as text of one of the route's declared `text` types. */
export class TextAnswer<T extends string = string> {
  constructor(readonly type: T, readonly text: string) {}
}

/** A JSON success answer with the route's other declared status (`success.also`): an idempotent replay's 200 beside a 201. */
export class AnswerWithStatus<V> {
  constructor(readonly status: 200 | 201, readonly value: V) {}
}

/** The JSON schema of a route whose success answer is only text (`success.text`). */
export const NO_JSON = z.never();

/** The common error answers a route may give, by status, each with what it means here. */
export type RouteProblems = Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503, string>>;

/**
 * One route, declared once: what it takes (body, query, path params as zod), what it answers,
 * and the handler. The same declaration mounts the route with its validation (400/415/422, or the
 * route's own error for bad path params) and describes it in the OpenAPI document.
 */
export type RouteSpec<B extends z.ZodType, Q extends AnyObject, P extends AnyObject, R extends z.ZodType, T extends string = never> = {
  method: Method;
  /** As OpenAPI writes it: "/api/chat/sessions/{id}". */
  path: string;
  summary: string;
  description?: string;
  /** `doc`: the same body as the OpenAPI document shows it, when the generator cannot walk `schema` (a recursive tree). */
  body: { schema: B; optional?: boolean; doc?: z.ZodType };
  query: Q;
  /** Path params; `invalid` is the error a malformed one gets (by default 422), told which were. */
  params: { schema: P; invalid?: (error: z.ZodError) => DomainError };
  /**
   * The success answer: its status and body (204: no body). `text` lists the media types of the
   * downloads the handler may answer instead (a TextAnswer, sent as UTF-8); `schema` is NO_JSON
   * when there is no JSON answer.
   */
  success: { status: 200 | 201 | 204; description: string; schema: R; text?: readonly T[]; also?: { status: 200 | 201; description: string } };
  problems: RouteProblems;
  /** Request headers as the OpenAPI document shows them (the handler reads and checks them). */
  headers?: AnyObject;
  /** Run before the handler (rate limits, guards). */
  middleware?: RequestHandler[];
  handle: (input: { body: z.infer<B>; query: z.infer<Q>; params: z.infer<P>; req: Request; res: Response }) => Promise<z.infer<R> | TextAnswer<T> | AnswerWithStatus<z.infer<R>>>;
};

/** A declared route: it mounts itself with its validation and describes itself in OpenAPI. */
export type Route = {
  mount: (router: Router) => void;
  register: (registry: OpenAPIRegistry, errors: z.ZodType) => void;
};

export function defineRoute<B extends z.ZodType, Q extends AnyObject, P extends AnyObject, R extends z.ZodType, T extends string = never>(spec: RouteSpec<B, Q, P, R, T>): Route {
  return { mount: (router) => mountRoute(router, spec), register: (registry, errors) => registerRoute(registry, errors, spec) };
}

/** A router with every route of `routes` mounted, and the routes for the OpenAPI document. */
export function declareRoutes(routes: Route[]): { router: Router; routes: Route[] } {
  return { router: mountRoutes(Router(), routes), routes };
}

/** A router with every route of `routes` mounted. */
export function mountRoutes(router: Router, routes: readonly Route[]): Router {
  for (const route of routes) route.mount(router);
  return router;
}

/** Middleware, then validation, then the handler, then the success answer. */
function mountRoute<B extends z.ZodType, Q extends AnyObject, P extends AnyObject, R extends z.ZodType, T extends string>(router: Router, spec: RouteSpec<B, Q, P, R, T>): void {
  const expressPath = spec.path.replace(/\{(\w+)\}/g, ":$1");
  router[spec.method](expressPath, ...(spec.middleware ?? []), async (req: Request, res: Response) => {
    const params = parseWith(spec.params.schema, req.params, spec.params.invalid);
    const query = parseWith(spec.query, req.query);
    // A route without a body ignores whatever came (a GET's body is not read).
    const body = isNoBody(spec.body.schema) ? spec.body.schema.parse(undefined) : parseBody(spec.body.schema, req.body, { optional: spec.body.optional ?? false });
    const value = await spec.handle({ body, query, params, req, res });
    if (spec.success.status === 204) res.status(204).end();
    else if (value instanceof TextAnswer) res.status(spec.success.status).type(`${value.type}; charset=utf-8`).send(value.text);
    else if (value instanceof AnswerWithStatus) res.status(value.status).json(value.value);
    else res.status(spec.success.status).json(value);
  });
}

function registerRoute<B extends z.ZodType, Q extends AnyObject, P extends AnyObject, R extends z.ZodType, T extends string>(registry: OpenAPIRegistry, errors: z.ZodType, spec: RouteSpec<B, Q, P, R, T>): void {
  const problem = (description: string) => ({ description, content: { "application/json": { schema: errors } } });
  const content: Record<string, { schema: z.ZodType }> = isNoJson(spec.success.schema) ? {} : { "application/json": { schema: spec.success.schema } };
  for (const type of spec.success.text ?? []) content[type] = { schema: z.string() };
  const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {
    [spec.success.status]: spec.success.status === 204 ? { description: spec.success.description } : { description: spec.success.description, content },
  };
  if (spec.success.also) responses[spec.success.also.status] = { description: spec.success.also.description, content };
  for (const [status, description] of Object.entries(spec.problems)) responses[status] = problem(description);
  registry.registerPath({
    method: spec.method, path: spec.path, summary: spec.summary, ...(spec.description ? { description: spec.description } : {}),
    request: {
      ...(spec.headers ? { headers: spec.headers } : {}),
      ...(isEmpty(spec.params.schema) ? {} : { params: spec.params.schema }),
      ...(isEmpty(spec.query) ? {} : { query: spec.query }),
      ...(isNoBody(spec.body.schema) ? {} : { body: { required: !(spec.body.optional ?? false), content: { "application/json": { schema: spec.body.doc ?? spec.body.schema } } } }),
    },
    responses,
  });
}

function isEmpty(schema: z.ZodObject): boolean {
  return schema === NO_QUERY || schema === NO_PARAMS;
}

function isNoJson(schema: z.ZodType): boolean {
  return schema === NO_JSON;
}

function isNoBody(schema: z.ZodType): boolean {
  return schema === NO_BODY_SCHEMA;
}

/** Parses with the schema; a failure is the given error, else 422. */
function parseWith<S extends AnyObject>(schema: S, value: unknown, invalid?: (error: z.ZodError) => DomainError): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalid?.(parsed.error) ?? validationError(parsed.error);
}

/** The answer of a 204: nothing. */
export const NO_CONTENT = z.undefined();
