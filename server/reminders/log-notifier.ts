import type { Notifier, ReminderMessage } from "../../bot/ports";
import type { Logger } from "../logging/create-logger";

/**
 * The default notifier: writes that a reminder is due to the log instead of messaging anyone, so
 * a deployment without a provider still shows the outbox working. Never logs the phone, the name
 * or the text (which a provider would send).
 */
export class LogNotifier implements Notifier {
  readonly name = "log";

  constructor(private readonly logger: Logger) {}

  async deliver(message: ReminderMessage): Promise<void> {
    this.logger.info({ reminderId: message.reminderId, bookingCode: message.bookingCode, start: message.start }, "reminder due (log notifier: nothing sent to the resident)");
  }
}
