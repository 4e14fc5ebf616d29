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
import { createLiveSchedule } from "./schedule-admin/live-schedule";
import { IntakeService } from "./intake/intake-service";
import { FlowAnalyticsRecorder } from "./analytics/flow-analytics-recorder";
import { startRetentionJob } from "./intake/retention-job";
import { PersonalDataCipher } from "./security/personal-data-cipher";
import type { Notifier, SessionStore } from "../bot/ports";
import { LogNotifier } from "./reminders/log-notifier";
import { startReminderJob } from "./reminders/reminder-job";
import { WebhookNotifier } from "./reminders/webhook-notifier";

/** How often an instance on Redis looks for a flow version published by another instance. */
const FLOW_POLL_SECONDS = 2;

/** `startJobs` starts the background jobs (day-before reminders) and returns their `stop`. */
export type Runtime = {
  deps: AppDeps; storage: "redis" | "sqlite"; close: () => Promise<void>; startJobs: () => () => Promise<void>;
  /** The conversations' store, for tools that look at what is kept (benchmarks, tests). */
  sessions: SessionStore;
  /** Loads what admins published (flow, rule parameters, schedule) before the first request. */
  ready: () => Promise<void>;
};

/**
 * Builds everything the app needs from configuration: rules, flow, translations, metrics and
 * stores. Tests call it too, so they run the same wiring as production.
 */
export function composeRuntime(config: Config, logger: Logger, now: () => Date = () => new Date()): Runtime {
  const shippedRules = loadRuleSet();
  const locales = loadLocales();
  const translator = createTranslator(locales, centerParams(config));
  const metrics = createMetrics();
  const stores = createStores(config, logger, now, () => metrics.events.inc({ kind: "corrupt_record" }));
  // The rule set in force: the shipped rules with the admins' published dated values; every scorer reads it per call.
  const liveRules = createLiveRules({ store: stores.flowVersions, shipped: shippedRules, logger });
  const rules = () => liveRules.current();
  const engine = createConversationEngine(rules, locales, translator);
  // Admins publish flow versions; the shipped flow is version 1. Instances sharing Redis poll for a publish.
  const build = { rules, locales, translator };
  const flows = new FlowRegistry({ store: stores.flowVersions, flowId: engine.flow.id, shipped: engine, shippedYaml: readFileSync(path.join(FLOWS_DIR, "default.flow.yaml"), "utf8"), build, logger, now });
  // Admin-edited documents (rule parameters, schedule) beside the flow: loaded by `ready`, polled on Redis.
  const documents: { refresh: () => Promise<void>; startPolling: (seconds: number) => () => void }[] = [];
  const pollers: (() => void)[] = [];
  const schedule = createLiveSchedule({ store: stores.flowVersions, shipped: loadSchedule(config.SCHEDULE_FILE), logger });
  documents.push(schedule);
  documents.push(liveRules);
  const poll = stores.kind === "redis";
  if (poll) pollers.push(flows.startPolling(FLOW_POLL_SECONDS));
  // parseConfig refuses production without a key; elsewhere a fixed development key seals the data.
  if (config.DATA_ENCRYPTION_KEY === undefined) logger.warn("DATA_ENCRYPTION_KEY is not set: personal data is sealed with the fixed development key");
  const cipher = PersonalDataCipher.fromConfig(config);
  // Free-text stories: the rules always, the model only with OPENAI_API_KEY (one log line names the mode).
  const extraction = createExtractionService({ ...config, EXTRACTION_BUDGET_MS: kakaoSafeBudgetMs(config) }, metrics, logger);
  // Per-version analytics counters (counts only); a failed write is logged and counted, never felt by the resident.
  const analytics = new FlowAnalyticsRecorder(stores.analytics, logger, metrics);
  const intakes = new IntakeService({
    store: stores.intakes, flowFor: (version) => flows.forVersion(version), now, analytics,
    retention: { afterAppointmentDays: config.INTAKE_RETENTION_AFTER_APPOINTMENT_DAYS, noBookingDays: config.INTAKE_RETENTION_NO_BOOKING_DAYS },
  });
  // Staff case narratives use the same model, with the configured budget (a staff page is not Kakao).
  const narrator = config.OPENAI_API_KEY === undefined ? undefined : new CaseNarrator(
    { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, budgetMs: config.EXTRACTION_BUDGET_MS }, metrics,
  );
  const bookings = new BookingService({ store: stores.bookings, schedule: () => schedule.current(), now, randomBytes, translator,
    cipher, onBooked: (booking) => intakes.attachBooking(booking) });
  const deps: AppDeps = {
    config, logger, translator, metrics, now, ...(narrator ? { narrator } : {}),
    evaluate: (facts: CaseFacts, asOf: string) => scoreServices(rules(), facts, asOf),
    flowAdmin: { store: stores.flowVersions, registry: flows, build, cases: loadSmokeCases(), audit: { log: stores.audit, now }, flowId: engine.flow.id },
    chat: new ChatService({
      flows, rules, store: stores.sessions, idleSeconds: Math.round(config.SESSION_IDLE_DAYS * 86_400), now, bookings,
      onCompleted: (key, state, evaluation) => intakes.recordCompleted(key, state, evaluation),
      eraseIntake: (key) => intakes.eraseFor(key), extraction, analytics, opensOnAnyInput: ["kakao"],
    }),
    intakes,
    flowAnalytics: { store: stores.analytics, versions: stores.flowVersions, flows, flowId: engine.flow.id, translator, recorder: analytics },
    scheduleAdmin: { document: schedule, store: stores.flowVersions },
    rulesAdmin: { document: liveRules, store: stores.flowVersions, shipped: shippedRules, cases: loadRuleCases() },
    readiness: [stores.readiness],
    staffAuth: { users: stores.users, sessions: stores.staffSessions, now, idleMinutes: config.STAFF_IDLE_MINUTES, loginFailuresPerIp: config.STAFF_LOGIN_FAILURES_PER_IP },
    audit: { log: stores.audit, now },
    bookings,
  };
  // Reminder delivery: an SMS or 알림톡 provider is one more Notifier (bot/ports.ts), chosen here.
  const notifier: Notifier = config.NOTIFIER === "webhook" ? WebhookNotifier.fromConfig(config) : new LogNotifier(logger);
  const startJobs = () => {
    const stopReminders = config.REMINDERS_ENABLED
      ? startReminderJob({ bookings: stores.bookings, outbox: stores.reminders, notifier, translator, now, logger, cipher, intervalSeconds: config.REMINDER_INTERVAL_SECONDS })
      : async () => {};
    const stopRetention = startRetentionJob({ intakes: stores.intakes, now, logger, intervalSeconds: config.INTAKE_RETENTION_INTERVAL_SECONDS });
    return async () => {
      await Promise.all([stopReminders(), stopRetention()]);
    };
  };
  if (poll) for (const document of documents) pollers.push(document.startPolling(FLOW_POLL_SECONDS));
  const ready = async () => {
    await Promise.all([flows.refresh(), ...documents.map((document) => document.refresh())]);
  };
  const close = async () => {
    for (const stop of pollers) stop();
    await analytics.flush();
    await stores.close();
  };
  return { deps, storage: stores.kind, sessions: stores.sessions, close, startJobs, ready };
}

/**
 * The model's budget per message, kept inside the Kakao deadline: a Kakao turn must still load
 * and save the session after the model gives up, so the budget leaves it 500 ms at least.
 */
export function kakaoSafeBudgetMs(config: Pick<Config, "EXTRACTION_BUDGET_MS" | "KAKAO_DEADLINE_MS">): number {
  return Math.max(100, Math.min(config.EXTRACTION_BUDGET_MS, config.KAKAO_DEADLINE_MS - 500));
}
