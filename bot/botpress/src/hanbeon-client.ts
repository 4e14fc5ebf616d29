import { z } from "zod";
import type { Turn } from "../../contract/turn-schema";
import { turnSchema } from "../../contract/turn-schema";
import type { HanbeonInput, HanbeonPort, Lang, RelayConfig } from "./relay";

/** Hanbeon did not answer as the contract says (down, rate limited, a bug): the bot says "try again later". */
export class HanbeonUnavailableError extends Error {
  override name = "HanbeonUnavailableError";
  constructor(readonly status: number | undefined, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const createdSchema = z.object({ sessionId: z.string().min(1), turn: turnSchema });
const turnBodySchema = z.object({ turn: turnSchema });
const servicesSchema = z.object({ services: z.array(z.object({ id: z.string(), name: z.string() })) });

/**
 * Hanbeon's chat API over HTTP, as a trusted relay: every request carries
 * `Authorization: Bearer <relayToken>`, so Hanbeon files the sessions under "botpress" and
 * rate-limits them per token. The only network I/O of the bot.
 */
export class HanbeonClient implements HanbeonPort {
  constructor(
    private readonly config: RelayConfig,
    private readonly timeoutMs = 10_000,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async startSession(lang: Lang): Promise<{ sessionId: string; turn: Turn }> {
    const res = await this.request("POST", "/api/chat/sessions", { lang });
    return this.parse(res, 201, createdSchema);
  }

  async sendMessage(sessionId: string, input: HanbeonInput): Promise<Turn | "session_gone"> {
    const res = await this.request("POST", `/api/chat/sessions/${encodeURIComponent(sessionId)}/messages`, input);
    if (res.status === 404) return "session_gone";
    return (await this.parse(res, 200, turnBodySchema)).turn;
  }

  async serviceNames(lang: Lang): Promise<Record<string, string>> {
    const res = await this.request("GET", `/api/services?lang=${lang}`);
    const body = await this.parse(res, 200, servicesSchema);
    return Object.fromEntries(body.services.map((s) => [s.id, s.name]));
  }

  private async request(method: "GET" | "POST", path: string, body?: object): Promise<Response> {
    // Relative to the base URL, so a Hanbeon behind a path prefix (https://host/hanbeon) works too.
    const url = new URL(path.replace(/^\//, ""), this.config.hanbeonUrl.endsWith("/") ? this.config.hanbeonUrl : `${this.config.hanbeonUrl}/`);
    try {
      return await this.fetchFn(url, {
        method,
        headers: { authorization: `Bearer ${this.config.relayToken}`, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new HanbeonUnavailableError(undefined, `${method} ${url.pathname} failed`, { cause: error });
    }
  }

  private async parse<T>(res: Response, expected: number, schema: z.ZodType<T>): Promise<T> {
    if (res.status !== expected) throw new HanbeonUnavailableError(res.status, `Hanbeon answered ${res.status}: ${await res.text().catch(() => "")}`.slice(0, 300));
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new HanbeonUnavailableError(res.status, "Hanbeon's answer does not match the contract", { cause: parsed.error });
    return parsed.data;
  }
}
