import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FLOWS_DIR } from "../flows/load-flows";
import { FlowRegistry } from "./flow-versions/flow-registry";
import { loadSmokeCases } from "../flows/load-smoke-cases";
import { scoreServices } from "../bot/eligibility/score-services";
import type { CaseFacts } from "../flows/schema/case-facts";
import { loadRuleSet } from "../flows/load-rules";
import { loadRuleCases } from "../flows/load-rule-cases";
import { createLiveRules } from "./rules-admin/live-rules";
import { loadSchedule } from "../flows/load-schedule";
import type { AppDeps } from "./app";
import { BookingService } from "./booking/booking-service";
import type { Config } from "./config";
import { isKakaoAuthenticated } from "./config";
import { ChatService } from "./conversation/chat-service";
import { createConversationEngine } from "./conversation/create-conversation-engine";
import { CaseNarrator } from "./extraction/case-narrator";
import { createExtractionService } from "./extraction/create-extraction-service";
import { centerParams } from "./i18n/center-params";
import { createTranslator } from "./i18n/create-translator";
import { loadLocales } from "./i18n/load-locales";
import type { Logger } from "./logging/create-logger";
import { createMetrics } from "./observability/metrics";
import { createStores } from "./storage/create-stores";
import { retryUntil, waitForStores } from "./storage/wait-for-stores";
import type { VersionedDocument } from "./admin-documents/versioned-document";
import { rateLimitStore } from "./http/rate-limit-store";
import { RequestBudgets } from "./http/request-budget";
import { BookingLimits } from "./booking/booking-limits";
import { createOutboxWorker } from "./outbox/outbox-worker";
import { handleBookingEvent } from "./outbox/handle-booking-event";
import { createLoginLockout } from "./staff/auth/login-lockout";
import { createLiveSchedule } from "./schedule-admin/live-schedule";
import { IntakeService } from "./intake/intake-service";
import { FlowAnalyticsRecorder } from "./analytics/flow-analytics-recorder";
import { startRetentionJob } from "./intake/retention-job";
import type { Notifier, SessionStore } from "../bot/ports";
import { LogNotifier } from "./reminders/log-notifier";
import { startReminderJob } from "./reminders/reminder-job";
import { WebhookNotifier } from "./reminders/webhook-notifier";
import type { Timers } from "./timing/timers";
import { systemTimers } from "./timing/timers";

/** How often an instance looks for a document another instance published: the fallback behind Redis notifications, the only way without Redis. */
const POLL_SECONDS_WITH_NOTIFICATIONS = 30;
const POLL_SECONDS_WITHOUT = 2;
/** How often the outbox worker looks for events left (a booking from a chat runs its own at once). */
const OUTBOX_INTERVAL_SECONDS = 15;
/** A booking's phone code: good this long, and this many wrong tries before the booking lapses. */
const PHONE_CODE_MINUTES = 10;
const PHONE_CODE_ATTEMPTS = 3;
/** How long start-up waits for the publish notifications' subscription. */
const SUBSCRIBE_WAIT_MS = 5000;

/** `startJobs` starts the background jobs (day-before reminders) and returns their `stop`. */
export type Runtime = {
  deps: AppDeps; storage: { records: "sqlite" | "postgres"; shared: "redis" | "local" }; close: () => Promise<void>; startJobs: () => () => Promise<void>;
  /** The conversations' store, for tools that look at what is kept (benchmarks, tests). */
  sessions: SessionStore;
  /** Migrates the records and loads what admins published (flow, rule parameters, schedule) before the first request. */
  ready: () => Promise<void>;
  /** Settles true once every store answers (Redis reconnected after a restart), false past STARTUP_WAIT_SECONDS. */
  storesReachable: () => Promise<boolean>;
  /** Told of every published document version this instance takes into use (its id and number). */
  documents: { onApplied: (listener: (documentId: string, version: number) => void) => void };
};

/**
 * Builds everything the app needs from configuration: rules, flow, translations, metrics and
 * stores. Tests call it too, so they run the same wiring as production.
 */
export function composeRuntime(config: Config, logger: Logger, now: () => Date = () => new Date(), timers: Timers = systemTimers): Runtime {
  const shippedRules = loadRuleSet();
  const locales = loadLocales();
  const translator = createTranslator(locales, centerParams(config));
  const metrics = createMetrics();
  const stores = createStores(config, logger, now, {
    onCorrupt: () => metrics.events.inc({ kind: "corrupt_record" }),
    onRedisRestart: () => metrics.events.inc({ kind: "redis_restarted" }),
  });
  // The rule set in force: the shipped rules with the admins' published dated values; every scorer reads it per call.
  const liveRules = createLiveRules({ store: stores.documents, shipped: shippedRules, logger });
  const rules = () => liveRules.current();
  const engine = createConversationEngine(rules, locales, translator);
  // Admins publish flow versions; the shipped flow is version 1.
  const build = { rules, locales, translator };
  const flows = new FlowRegistry({ store: stores.documents, flowId: engine.flow.id, shipped: engine, shippedYaml: readFileSync(path.join(FLOWS_DIR, "default.flow.yaml"), "utf8"), build, logger, now });
  // Admin-edited documents (rule parameters, schedule) beside the flow: loaded by `ready`; another
  // instance's publish arrives by a Redis notification, polling only as the fallback (or the only
  // way, on PostgreSQL without Redis). One SQLite file has one instance: nothing to poll.
  const schedule = createLiveSchedule({ store: stores.documents, shipped: loadSchedule(config.SCHEDULE_FILE), logger });
  const documents = new Map<string, VersionedDocument<unknown>>([
    [engine.flow.id, flows.document], [schedule.id, schedule], [liveRules.id, liveRules],
  ]);
  const pollers: (() => void)[] = [];
  stores.publishChannel?.listen((documentId) => void documents.get(documentId)?.refresh());
  const announce = (documentId: string) => {
    stores.publishChannel?.announce(documentId).catch((error: unknown) => logger.warn({ err: error, document: documentId }, "publish notification not sent; other instances poll"));
  };
  for (const document of documents.values()) document.onPublished(announce);
  // A botUserKey is no secret: without a sender check anyone who learns one is that resident.
  if (!isKakaoAuthenticated(config)) {
    logger.warn({ kakaoAllowUnauthenticated: config.KAKAO_ALLOW_UNAUTHENTICATED }, "KAKAO SKILL IS UNAUTHENTICATED: neither KAKAO_SECRET nor KAKAO_BOT_ID is set, so anyone who knows a resident's botUserKey can act as them on /kakao/skill. Set KAKAO_SECRET_HEADER and KAKAO_SECRET (production refuses to start without one unless KAKAO_ALLOW_UNAUTHENTICATED=true)");
  } else if (config.KAKAO_SECRET === undefined) {
    logger.warn("KAKAO_SECRET is not set: /kakao/skill checks only the bot id, which is not a secret; set KAKAO_SECRET_HEADER and KAKAO_SECRET");
  }
  // One cipher for every store and service (parseConfig refuses production without a key; elsewhere one is generated into DATA_DIR).
  const { cipher } = stores;
  // Free-text stories: the rules always, the model only with OPENAI_API_KEY (one log line names the mode).
  const extraction = createExtractionService({ ...config, EXTRACTION_BUDGET_MS: kakaoSafeBudgetMs(config) }, metrics, logger, timers);
  // Per-version analytics counters (counts only); a failed write is logged and counted, never felt by the resident.
  const analytics = new FlowAnalyticsRecorder(stores.analytics, logger, metrics);
  const intakes = new IntakeService({
    store: stores.intakes, flowFor: (version) => flows.forVersion(version), now, analytics,
    retention: { afterAppointmentDays: config.INTAKE_RETENTION_AFTER_APPOINTMENT_DAYS, noBookingDays: config.INTAKE_RETENTION_NO_BOOKING_DAYS },
    eraseBookings: (sessionRef) => stores.retention.eraseBookingsOfSession(sessionRef, now().getTime()),
    hasUpcomingBooking: async (sessionRef) => (await bookings.upcomingOfSession(sessionRef)).length > 0,
  });
  // What follows a committed booking from a conversation (its intake linked) runs from the outbox.
  const outboxWorker = createOutboxWorker({ outbox: stores.outbox, now, logger, handle: handleBookingEvent({ bookings: stores.bookings, intakes }) });
  // Staff case narratives use the same model, with the configured budget (a staff page is not Kakao).
  const narrator = config.OPENAI_API_KEY === undefined ? undefined : new CaseNarrator(
    { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, budgetMs: config.EXTRACTION_BUDGET_MS }, metrics, timers,
  );
  // Reminder delivery: an SMS or 알림톡 provider is one more Notifier (bot/ports.ts), chosen here.
  const notifier: Notifier = config.NOTIFIER === "webhook" ? WebhookNotifier.fromConfig(config) : new LogNotifier(logger);
  // A phone is proven only by a code that reaches it: with a real notifier, API bookings wait for one.
  const confirmation = config.NOTIFIER === "webhook" && config.BOOKING_PHONE_CONFIRMATION ? {
    notifier, minutes: PHONE_CODE_MINUTES, maxAttempts: PHONE_CODE_ATTEMPTS,
    onDeliveryFailed: (error: unknown) => logger.warn({ err: { name: error instanceof Error ? error.name : "unknown", message: error instanceof Error ? error.message : "" } }, "phone confirmation code not sent; booking kept unconfirmed"),
  } : undefined;
  const bookings = new BookingService({ store: stores.bookings, schedule: () => schedule.current(), now, randomBytes, translator,
    ...(confirmation ? { confirmation } : {}), cipher, afterCommit: (booking) => (booking.sessionRef === undefined ? Promise.resolve() : outboxWorker.runFor(booking.code)) });
  // Budgets every instance spends from together (with Redis): Kakao turns, holds, bookings, code+phone guesses.
  const budgets = new RequestBudgets(stores.counters, now);
  const limits = new BookingLimits({ budgets, config, keyedHash: (value) => cipher.blindIndex(value) });
  // With Redis every instance counts rate limits together; one instance alone keeps express-rate-limit's memory store.
  const rateLimitStores = stores.shared === "redis" ? (name: string) => rateLimitStore(stores.counters, name, now) : undefined;
  const deps: AppDeps = {
    config, logger, translator, metrics, now, timers, ...(narrator ? { narrator } : {}),
    evaluate: (facts: CaseFacts, asOf: string) => scoreServices(rules(), facts, asOf),
    flowAdmin: { store: stores.documents, registry: flows, build, cases: loadSmokeCases(), audit: { log: stores.audit, now }, flowId: engine.flow.id },
    chat: new ChatService({
      flows, rules, store: stores.sessions, idleSeconds: Math.round(config.SESSION_IDLE_DAYS * 86_400), now, bookings, limits,
      onCompleted: (key, state, evaluation) => intakes.recordCompleted(key, state, evaluation),
      eraseIntake: (key) => intakes.eraseFor(key), extraction,
      keptDaysAfterAppointment: Math.max(config.INTAKE_RETENTION_AFTER_APPOINTMENT_DAYS, config.BOOKING_RETENTION_DAYS), analytics, opensOnAnyInput: ["kakao"],
    }),
    intakes,
    flowAnalytics: { store: stores.analytics, versions: stores.documents, flows, flowId: engine.flow.id, translator, recorder: analytics },
    scheduleAdmin: { document: schedule, store: stores.documents },
    rulesAdmin: { document: liveRules, store: stores.documents, shipped: shippedRules, cases: loadRuleCases() },
    readiness: stores.readiness, budgets, limits,
    ...(rateLimitStores ? { rateLimitStore: rateLimitStores } : {}),
    staffAuth: {
      users: stores.users, sessions: stores.staffSessions, lockout: createLoginLockout(stores.counters, now), now,
      idleMinutes: config.STAFF_IDLE_MINUTES, loginFailuresPerIp: config.STAFF_LOGIN_FAILURES_PER_IP,
    },
    audit: { log: stores.audit, now },
    bookings,
  };
  const startJobs = () => {
    const stopReminders = config.REMINDERS_ENABLED
      ? startReminderJob({ bookings: stores.bookings, outbox: stores.outbox, notifier, translator, now, logger, cipher, intervalSeconds: config.REMINDER_INTERVAL_SECONDS })
      : async () => {};
    const stopRetention = startRetentionJob({
      intakes: stores.intakes, purge: (at) => stores.retention.purge(at.getTime()), now, logger, intervalSeconds: config.INTAKE_RETENTION_INTERVAL_SECONDS,
    });
    const stopOutbox = outboxWorker.start(OUTBOX_INTERVAL_SECONDS);
    return async () => {
      await Promise.all([stopReminders(), stopRetention(), stopOutbox()]);
    };
  };
  const pollSeconds = stores.publishChannel ? POLL_SECONDS_WITH_NOTIFICATIONS : stores.records === "postgres" ? POLL_SECONDS_WITHOUT : undefined;
  if (pollSeconds !== undefined) for (const document of documents.values()) pollers.push(document.startPolling(pollSeconds));
  /**
   * Migrates the records, waits for the stores' connections (Redis included), then loads what admins
   * published, before the first request. A published document that cannot be read within
   * STARTUP_WAIT_SECONDS fails the start: serving the shipped schedule or rules instead would take
   * bookings on days an admin closed.
   */
  const ready = async () => {
    await stores.database.ready;
    const deadline = Date.now() + config.STARTUP_WAIT_SECONDS * 1000;
    if (!(await waitForStores(stores.readiness, deadline))) logger.warn("a store is not reachable yet; starting anyway (/readyz says which)");
    // Subscribed before serving, so no publish of another instance is missed from the start.
    if (stores.publishChannel && !(await stores.publishChannel.subscribed(Math.max(SUBSCRIBE_WAIT_MS, deadline - Date.now())))) logger.warn("not yet subscribed to publish notifications; polling meanwhile");
    await retryUntil(() => Promise.all([...documents.values()].map((document) => document.load())), deadline);
  };
  const close = async () => {
    for (const stop of pollers) stop();
    await analytics.flush();
    await stores.close();
  };
  const storesReachable = () => waitForStores(stores.readiness, Date.now() + config.STARTUP_WAIT_SECONDS * 1000);
  return { deps, storage: { records: stores.records, shared: stores.shared }, sessions: stores.sessions, close, startJobs, ready, storesReachable, documents: {
    onApplied: (listener) => {
      for (const document of documents.values()) document.onApplied(listener);
    },
  } };
}

/**
 * The model's budget per message, kept inside the Kakao deadline: a Kakao turn must still load
 * and save the session after the model gives up, so the budget leaves it 500 ms at least.
 */
export function kakaoSafeBudgetMs(config: Pick<Config, "EXTRACTION_BUDGET_MS" | "KAKAO_DEADLINE_MS">): number {
  return Math.max(100, Math.min(config.EXTRACTION_BUDGET_MS, config.KAKAO_DEADLINE_MS - 500));
}
