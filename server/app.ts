import express from "express";
import type { CaseNarrator } from "./extraction/case-narrator";
import helmet from "helmet";
import type { FlowAnalyticsDeps } from "./analytics/flow-analytics-routes";
import { flowAnalyticsRoutes } from "./analytics/flow-analytics-routes";
import type { FlowAnalyticsRecorder } from "./analytics/flow-analytics-recorder";
import { bookingRoutes } from "./booking/booking-routes";
import type { BookingLimits } from "./booking/booking-limits";
import type { BookingService } from "./booking/booking-service";
import { kakaoSkillRoutes } from "./channels/kakao/kakao-skill-routes";
import { webChatRoutes } from "./channels/web/web-chat-routes";
import type { Config } from "./config";
import type { ChatService } from "./conversation/chat-service";
import type { FlowAdminDeps } from "./flow-versions/flow-version-routes";
import { flowVersionRoutes } from "./flow-versions/flow-version-routes";
import { flowEditorRoutes } from "./flow-versions/flow-editor-routes";
import type { Route } from "./http/define-route";
import { createErrorHandler, notFoundHandler } from "./http/error-handler";
import { jsonBody } from "./http/json-body";
import type { RateLimitStores } from "./http/rate-limit-store";
import type { RequestBudgets } from "./http/request-budget";
import { requestContext, requestLang } from "./http/request-context";
import type { Translator } from "./i18n/create-translator";
import type { Logger } from "./logging/create-logger";
import type { Metrics } from "./observability/metrics";
import { measureRequests } from "./observability/metrics";
import { metricsPlacement, metricsRoutes } from "./observability/metrics-routes";
import { buildOpenApi } from "./openapi/build-openapi";
import type { IntakeService } from "./intake/intake-service";
import { auditRoutes } from "./staff/audit/audit-routes";
import { appointmentsRoutes } from "./staff/appointments-routes";
import type { AuditDeps } from "./staff/audit/record-audit";
import { requireStaff } from "./staff/auth/require-staff";
import type { ScheduleAdminDeps } from "./schedule-admin/schedule-routes";
import type { RulesAdminDeps } from "./rules-admin/rule-parameter-routes";
import { ruleParameterRoutes } from "./rules-admin/rule-parameter-routes";
import { scheduleRoutes } from "./schedule-admin/schedule-routes";
import type { StaffAuth } from "./staff/auth/staff-auth";
import { staffLoginRoutes, staffSessionRoutes } from "./staff/auth/staff-auth-routes";
import type { TriageDeps } from "./triage/triage-routes";
import { triageRoutes } from "./triage/triage-routes";
import { adminPageRoutes } from "./web/admin-page-routes";
import { consolePageRoutes } from "./web/console-page-routes";
import { webPageRoutes } from "./web/web-page-routes";
import type { Timers } from "./timing/timers";

export type ReadinessCheck = { name: string; check: () => Promise<boolean> };

export type AppDeps = {
  config: Config;
  logger: Logger;
  translator: Translator;
  metrics: Metrics;
  evaluate: TriageDeps["evaluate"];
  /** The one conversation core every channel calls. */
  chat: ChatService;
  bookings: BookingService;
  readiness: ReadinessCheck[];
  now: () => Date;
  /** Deadlines and budgets (the Kakao deadline): the process's timers, or a test's hand-fired ones. */
  timers: Timers;
  /** Console accounts and sessions; the guards in app.ts use it. */
  staffAuth: StaffAuth;
  /** The audit trail: `recordAudit(deps.audit, req, …)` on every view or change of an intake. */
  audit: AuditDeps;
  /** Triage intakes for counsellors (kept on consent, erased with the conversation). */
  intakes: IntakeService;
  /** The optional machine-written case narrative on intake summaries (only with a model configured). */
  narrator?: CaseNarrator;
  /** Flow versions for admins: the store, the publish gate's inputs and the registry serving them. */
  flowAdmin: FlowAdminDeps;
  /** Per-version analytics: the counters, the flows they are laid over, and the recorder that writes them. */
  flowAnalytics: FlowAnalyticsDeps & { recorder: FlowAnalyticsRecorder };
  /** The live schedule admins edit (hours, holidays, closures, counsellors) and its versions. */
  scheduleAdmin: ScheduleAdminDeps;
  /** The live rule set (shipped rules + admins' dated parameter values), its versions and the rule cases gating a publish. */
  rulesAdmin: RulesAdminDeps;
  /** Rate-limit stores by limiter name: shared by every instance with Redis, this process's memory otherwise. */
  rateLimitStore?: RateLimitStores;
  /** Budgets on the shared counters (Kakao turns per user and IP), seen by every instance with Redis. */
  budgets: RequestBudgets;
  /** Day budgets of holds and bookings and the code+phone cool-downs, for the API (the chats have them in `chat`). */
  limits: BookingLimits;
};

/** The paths `app.use("/api/admin", …)` matches (Express matches mount paths case-insensitively). */
const isAdminPath = (req: express.Request): boolean => /^\/api\/admin(?:\/|$)/i.test(req.path);
/** The Kakao skill reads its body itself, after the sender check (kakao-skill-routes.ts). */
const isKakaoSkillPath = (req: express.Request): boolean => /^\/kakao\/skill\/?$/i.test(req.path);

/** Builds the Express app without listening, so tests drive it through supertest. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.config.TRUST_PROXY_HOPS);
  app.use(requestContext(deps.logger, deps.translator));
  app.use(measureRequests(deps.metrics));
  app.use(helmet());
  // Admin bodies (flow drafts) may be larger, so they are read only once the admin guard passed;
  // Kakao's only once its shared secret is checked.
  app.use(jsonBody(deps.config.BODY_LIMIT, { skip: (req) => isAdminPath(req) || isKakaoSkillPath(req) }));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (req, res) => {
    const results = await Promise.all(deps.readiness.map(async (r) => ({ name: r.name, ok: await r.check().catch(() => false) })));
    const down = results.filter((r) => !r.ok).map((r) => r.name);
    if (down.length) {
      req.log?.warn({ down }, "not ready");
      res.setHeader("Retry-After", "5");
      res.status(503).json({ error: { code: "DEPENDENCY_UNAVAILABLE", message: deps.translator.forLang(requestLang(req))("errors.DEPENDENCY_UNAVAILABLE"), details: { down } } });
      return;
    }
    res.json({ status: "ready" });
  });

  const webChat = webChatRoutes({
    chat: deps.chat, translator: deps.translator,
    limits: { perIpPerMinute: deps.config.RATE_LIMIT_IP_PER_MINUTE, perSessionPerMinute: deps.config.RATE_LIMIT_SESSION_PER_MINUTE, perRelayPerMinute: deps.config.RATE_LIMIT_RELAY_PER_MINUTE },
    relayTokens: deps.config.RELAY_TOKENS, rateLimitStore: deps.rateLimitStore,
  });
  /** The routes declared with defineRoute, as they are mounted: the OpenAPI document describes them. */
  const declared: Route[] = [];
  const mount = (routes: { router: express.Router; routes: Route[] }): void => {
    declared.push(...routes.routes);
    app.use(routes.router);
  };
  app.get("/api/openapi.json", (_req, res) => {
    res.json(openApi);
  });
  if (metricsPlacement(deps.config) === "main") app.use(metricsRoutes(deps.metrics, deps.config.METRICS_TOKEN));

  // The console API: login is the one open /api/staff path; every other /api/staff and /api/admin
  // route, whenever and wherever it is added below, sits behind these guards.
  const staffGuards = requireStaff(deps.staffAuth);
  mount(staffLoginRoutes({ auth: deps.staffAuth, audit: deps.audit }));
  app.use("/api/staff", staffGuards.staffOnly);
  app.use("/api/admin", staffGuards.adminOnly);
  app.use("/api/admin", jsonBody(deps.config.ADMIN_BODY_LIMIT));
  mount(staffSessionRoutes({ auth: deps.staffAuth, audit: deps.audit }));
  mount(auditRoutes({ audit: deps.audit }));
  mount(flowVersionRoutes(deps.flowAdmin));
  mount(flowEditorRoutes(deps.flowAdmin));
  mount(flowAnalyticsRoutes(deps.flowAnalytics));
  mount(scheduleRoutes({ ...deps.scheduleAdmin, bookings: deps.bookings, audit: deps.audit }));
  mount(ruleParameterRoutes({ ...deps.rulesAdmin, audit: deps.audit }));
  mount(appointmentsRoutes({ bookings: deps.bookings, intakes: deps.intakes, translator: deps.translator, audit: deps.audit, now: deps.now, narrator: deps.narrator,
    floodBookingsPerSource: deps.config.FLOOD_BOOKINGS_PER_SOURCE }));

  mount(triageRoutes({ evaluate: deps.evaluate, translator: deps.translator, now: deps.now, perIpPerMinute: deps.config.RATE_LIMIT_IP_PER_MINUTE, rateLimitStore: deps.rateLimitStore }));
  mount(webChat);
  mount(kakaoSkillRoutes({ chat: deps.chat, translator: deps.translator, metrics: deps.metrics, config: deps.config, timers: deps.timers, budgets: deps.budgets }));

  mount(bookingRoutes({ bookings: deps.bookings, perIpPerMinute: deps.config.RATE_LIMIT_IP_PER_MINUTE, rateLimitStore: deps.rateLimitStore, limits: deps.limits }));
  mount(consolePageRoutes({ translator: deps.translator }));
  mount(adminPageRoutes({ translator: deps.translator }));
  mount(webPageRoutes({ translator: deps.translator }));
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  // Built once every route is mounted (GET /api/openapi.json above answers it).
  const openApi = buildOpenApi(declared);
  return app;
}
