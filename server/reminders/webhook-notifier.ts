import { createHmac } from "node:crypto";
import type { Notifier, ReminderMessage } from "../../bot/ports";
import type { Config } from "../config";
import { ConfigError } from "../config";

export type WebhookNotifierOptions = {
  url: string;
  /** A delivery that has no answer after this long counts as failed (and is retried). */
  timeoutMs: number;
  /** When set, each body is signed: `X-Hanbeon-Signature: sha256=<hex HMAC of the body>`. */
  secret?: string;
};

/**
 * POSTs each reminder as JSON to a webhook, typically a small relay that calls an SMS or 알림톡
 * provider. `Idempotency-Key` carries the reminder id: a delivery can be repeated (a worker that
 * died after delivering but before recording it), and the receiver drops the repeat. A 2xx answer
 * means delivered; any other status, a redirect, a network error or the timeout is a failure.
 */
export class WebhookNotifier implements Notifier {
  readonly name = "webhook";

  constructor(private readonly options: WebhookNotifierOptions) {}

  static fromConfig(config: Config): WebhookNotifier {
    if (!config.REMINDER_WEBHOOK_URL) throw new ConfigError("REMINDER_WEBHOOK_URL is required when NOTIFIER=webhook");
    return new WebhookNotifier({ url: config.REMINDER_WEBHOOK_URL, timeoutMs: config.REMINDER_WEBHOOK_TIMEOUT_MS, secret: config.REMINDER_WEBHOOK_SECRET });
  }

  async deliver(message: ReminderMessage): Promise<void> {
    const body = JSON.stringify({
      kind: message.kind ?? "reminder", ...(message.pin !== undefined ? { pin: message.pin } : {}),
      reminderId: message.reminderId, bookingCode: message.bookingCode, start: message.start,
      specialty: message.specialty, phone: message.phone, lang: message.lang ?? "ko", text: message.text,
    });
    const headers: Record<string, string> = {
      "content-type": "application/json; charset=utf-8",
      "idempotency-key": message.reminderId,
      "user-agent": "hanbeon-reminders",
    };
    if (this.options.secret) headers["x-hanbeon-signature"] = `sha256=${createHmac("sha256", this.options.secret).update(body).digest("hex")}`;
    let response: Response;
    try {
      // The body holds a phone number: never follow a redirect to somewhere we were not told.
      response = await fetch(this.options.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      throw new Error(describeFetchError(error, this.options.timeoutMs));
    }
    // Drain the answer so the connection can be reused; its content is not needed.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new Error(`webhook answered HTTP ${response.status}`);
  }
}

/** A failure's description without the URL (which may carry a token) or the body. */
function describeFetchError(error: unknown, timeoutMs: number): string {
  // Read fields structurally: fetch's errors (a DOMException on timeout) may come from another realm.
  const name = readString(error, "name");
  if (name === "TimeoutError" || name === "AbortError") return `webhook timed out after ${timeoutMs} ms`;
  const code = typeof error === "object" && error !== null && "cause" in error ? readString(error.cause, "code") : undefined;
  return `webhook unreachable${code ? ` (${code})` : ""}`;
}

function readString(value: unknown, field: string): string | undefined {
  if (typeof value !== "object" || value === null || !(field in value)) return undefined;
  const read: unknown = Reflect.get(value, field);
  return typeof read === "string" ? read : undefined;
}
