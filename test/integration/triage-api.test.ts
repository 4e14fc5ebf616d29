import request from "supertest";
import { evaluationSchema } from "../../bot/contract/evaluation-schema";
import { buildTestApp } from "../support/test-app";

const { app } = buildTestApp({ now: "2026-03-02T10:00:00+09:00" });

describe("POST /api/triage/evaluate", () => {
  it("when facts are valid, then it answers an Evaluation with reasons in Korean by default", async () => {
    const res = await request(app).post("/api/triage/evaluate").send({ overdueDays: 45, totalDebtKrw: 30_000_000, creditorTypes: ["card"] });
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe("2026-03-02");
    expect(typeof res.body.rulesVersion).toBe("string");
    const preWorkout = res.body.recommendations.find((r: { service: string }) => r.service === "ccrs_pre_workout");
    expect(preWorkout).toBeDefined();
    expect(preWorkout.reasons.join(" ")).toMatch(/45/);
    expect(preWorkout.reasons.join(" ")).toMatch(/[가-힣]/);
  });

  it("when ?lang=en or Accept-Language asks for English, then the reasons are English", async () => {
    for (const req of [
      request(app).post("/api/triage/evaluate?lang=en"),
      request(app).post("/api/triage/evaluate").set("Accept-Language", "en-US,en;q=0.9"),
    ]) {
      const res = await req.send({ overdueDays: 45, totalDebtKrw: 30_000_000 });
      expect(res.status).toBe(200);
      const text = res.body.recommendations.flatMap((r: { reasons: string[] }) => r.reasons).join(" ");
      expect(text).not.toMatch(/[가-힣]/);
    }
  });

  it("when many rules apply in either language, then no reason or step shows a raw placeholder", async () => {
    const facts = {
      householdSize: 2, monthlyIncomeKrw: 1_200_000, employment: "employed", employedMonths: 24, age: 72, gyeonggiResident: true,
      welfareStatus: "basic_livelihood", severeDisability: true, totalDebtKrw: 25_000_000, securedDebtKrw: 0, overdueDays: 120,
      creditorTypes: ["card", "bank", "unregistered_lender"], newDebtLast6MonthsKrw: 0, creditScore: { bureau: "KCB", score: 600 },
      smallBusiness: { operatedBetween2020And2025: true, closed: true }, canCoverLivingCosts: false, crisisEvents: ["job_loss"],
      illegalLending: { lenderRegistered: "no", loans: [{ receivedKrw: 500_000, repayKrw: 700_000, days: 30 }], threats: true, contactsLast7Days: 12 },
      urgentCashKrw: 500_000, wantsJobHelp: true, selfHarmRisk: true,
    };
    for (const lang of ["ko", "en"]) {
      const res = await request(app).post(`/api/triage/evaluate?lang=${lang}`).send(facts);
      expect(res.status).toBe(200);
      const texts = [...res.body.recommendations.flatMap((r: { reasons: string[]; nextSteps?: string[] }) => [...r.reasons, ...(r.nextSteps ?? [])]),
        ...res.body.urgent.map((u: { message: string }) => u.message)];
      expect(texts.length).toBeGreaterThan(10);
      expect(texts.filter((t: string) => /\{\{|\$t\(|rules\.|services\./.test(t))).toEqual([]);
    }
  });

  it("when a card debtor asks in either language, then the answer starts with one plain sentence and names what would change it", async () => {
    const facts = { overdueDays: 45, totalDebtKrw: 32_000_000, securedDebtKrw: 0, newDebtLast6MonthsKrw: 0, creditorTypes: ["card"] };
    const ko = await request(app).post("/api/triage/evaluate").send(facts);
    expect(evaluationSchema.parse(ko.body)).toEqual(ko.body);
    expect(ko.body.headline).toBe("카드빚 3,200만원이 45일 밀렸다면 사전채무조정 (프리워크아웃)이 가장 잘 맞아 보여요. 받을 수 있는지는 센터 상담에서 정해요.");
    expect(ko.body.nearMisses).toEqual([{ service: "creditor_adjustment_request", message: "빚이 3,000만원 아래로 줄면 채무조정 요청권이 더 잘 맞을 수 있어요." }]);
    const en = await request(app).post("/api/triage/evaluate?lang=en").send(facts);
    expect(en.body.headline).toBe("With 32 million won of card debt 45 days overdue, Pre-workout debt adjustment looks like the best fit. The center decides whether you qualify.");
    expect(en.body.nearMisses).toEqual([{ service: "creditor_adjustment_request", message: "If your debt comes down below 30 million won, Debt adjustment request to your lender could fit better." }]);
  });

  it("when nothing is one threshold away, then nearMisses is left out and the headline still comes", async () => {
    const res = await request(app).post("/api/triage/evaluate").send({});
    expect(res.body.nearMisses).toBeUndefined();
    expect(res.body.headline).toBe("알려 주신 내용만으로는 맞는 제도를 아직 고르기 어려워요. 센터 상담에서 빠진 부분을 함께 채워 봐요.");
  });

  it("when asOf is given, then the rules of that date apply", async () => {
    const res = await request(app).post("/api/triage/evaluate?asOf=2025-12-31").send({});
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe("2025-12-31");
  });

  it("when there are threats, then urgent guidance comes with 112", async () => {
    const res = await request(app).post("/api/triage/evaluate").send({ illegalLending: { threats: true } });
    expect(res.body.urgent.map((u: { code: string }) => u.code)).toContain("call_112");
  });

  it("when a loan is given, then its APR is computed on the cash received", async () => {
    const res = await request(app).post("/api/triage/evaluate").send({
      illegalLending: { loans: [{ receivedKrw: 800_000, repayKrw: 1_000_000, days: 7, contractDate: "2026-01-10" }] },
    });
    expect(res.body.loans).toEqual([{ index: 0, aprPct: 1303.6, overLegalCap: true, wholeContractVoid: true }]);
  });

  it("when a loan is repaid in daily instalments, then the answer names both methods and keeps the simple figures on top", async () => {
    const res = await request(app).post("/api/triage/evaluate?lang=en").send({
      creditorTypes: ["registered_lender"],
      illegalLending: { lenderRegistered: "yes", threats: false, sexualImages: false, loans: [{ receivedKrw: 1_000_000, repayKrw: 1_040_000, days: 100, instalment: "daily", contractDate: "2025-09-01" }] },
    }).expect(200);
    expect(res.body.loans).toEqual([{
      index: 0, aprPct: 14.6, overLegalCap: false, wholeContractVoid: false, instalment: "daily",
      aprByMethod: [
        { method: "simple", aprPct: 14.6, overLegalCap: false, wholeContractVoid: false },
        { method: "declining_balance", aprPct: 28.5, overLegalCap: true, wholeContractVoid: false },
      ],
    }]);
    const relief = res.body.recommendations.find((r: { service: string }) => r.service === "illegal_lending_relief");
    expect(relief).toEqual(expect.objectContaining({ tier: "possible" }));
    expect(relief.reasons.join(" ")).toContain("28.5%");
  });

  it("when the resident is already in court rehabilitation, then no workout or loan is answered, and an unknown procedure is 422", async () => {
    const facts = { overdueDays: 45, totalDebtKrw: 30_000_000, securedDebtKrw: 0, creditorTypes: ["card"], employment: "employed", employedMonths: 24, annualIncomeKrw: 30_000_000 };
    const before = (await request(app).post("/api/triage/evaluate").send(facts).expect(200)).body.recommendations.map((r: { service: string }) => r.service);
    expect(before).toEqual(expect.arrayContaining(["ccrs_pre_workout", "sunshine_loan_worker"]));
    const during = (await request(app).post("/api/triage/evaluate").send({ ...facts, currentProcedure: "court_rehabilitation" }).expect(200)).body.recommendations.map((r: { service: string }) => r.service);
    expect(during).not.toContain("ccrs_pre_workout");
    expect(during).not.toContain("sunshine_loan_worker");
    expect(during).toEqual(expect.arrayContaining(["legal_aid", "financial_counseling"]));
    const bad = await request(app).post("/api/triage/evaluate").send({ currentProcedure: "jail" }).expect(422);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "currentProcedure" })]));
  });

  it.each([
    ["an unknown field", { debts: 5 }, "debts"],
    ["a wrong type", { householdSize: "three" }, "householdSize"],
    ["an out-of-range number", { householdSize: 11 }, "householdSize"],
    ["a negative amount", { totalDebtKrw: -1 }, "totalDebtKrw"],
    ["a fractional amount", { totalDebtKrw: 1.5 }, "totalDebtKrw"],
    ["a nested unknown field", { illegalLending: { loans: [{ receivedKrw: 1, repayKrw: 2, days: 3, rate: 9 }] } }, "illegalLending.loans.0.rate"],
    ["a bad enum", { employment: "astronaut" }, "employment"],
  ])("when the body has %s, then 422 lists the path", async (_label, body, path) => {
    const res = await request(app).post("/api/triage/evaluate").send(body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.any(String) })]));
  });

  it("when a number is not finite (1e999), then 422", async () => {
    const res = await request(app).post("/api/triage/evaluate").set("Content-Type", "application/json").send('{"totalDebtKrw": 1e999}');
    expect(res.status).toBe(422);
  });

  it("when asOf is not a date, then 422", async () => {
    const res = await request(app).post("/api/triage/evaluate?asOf=tomorrow").send({});
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe("asOf");
  });

  it("when the JSON is malformed, then 400 with the contract's error body", async () => {
    const res = await request(app).post("/api/triage/evaluate").set("Content-Type", "application/json").send('{"age": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "MALFORMED_JSON", message: expect.any(String) } });
  });

  it("when the body is too large, then 413", async () => {
    const res = await request(app).post("/api/triage/evaluate").set("Content-Type", "application/json").send(`{"pad":"${"x".repeat(1024 * 1024)}"}`);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("when the content type is not JSON, then 415", async () => {
    const res = await request(app).post("/api/triage/evaluate").set("Content-Type", "text/plain").send("age=3");
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("when there is no body, then 400 in the request's language", async () => {
    const res = await request(app).post("/api/triage/evaluate?lang=en");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/JSON/);
  });

  it("when the body is JSON but not an object, then 422", async () => {
    for (const body of ["[]", "null", "42", '"text"']) {
      const res = await request(app).post("/api/triage/evaluate").set("Content-Type", "application/json").send(body);
      expect(res.status).toBe(422);
    }
  });
});

describe("GET /api/services", () => {
  it("when asked, then every catalog service comes with a name, provider, specialty and description", async () => {
    const res = await request(app).get("/api/services?lang=en");
    expect(res.status).toBe(200);
    expect(res.body.services).toHaveLength(19);
    for (const s of res.body.services) {
      expect(s.name).not.toBe(`services.${s.id}.name`);
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.provider.length).toBeGreaterThan(1);
    }
  });

  it("when ?lang= is neither ko nor en, then the catalog still answers, in the Accept-Language or Korean, and the document lists ko|en", async () => {
    const res = await request(app).get("/api/services?lang=fr").set("Accept-Language", "en");
    expect(res.status).toBe(200);
    expect(res.body.services[0].name).not.toMatch(/[가-힣]/);
    const doc = (await request(app).get("/api/openapi.json")).body;
    expect(doc.paths["/api/services"].get.parameters).toEqual([expect.objectContaining({ name: "lang", in: "query", schema: { type: "string", enum: ["ko", "en"] } })]);
  });
});

describe("health, readiness, OpenAPI, metrics, errors", () => {
  it("when /healthz is asked, then it is ok", async () => {
    expect((await request(app).get("/healthz")).body).toEqual({ status: "ok" });
  });

  it("when /readyz is asked and the store answers, then it is ready", async () => {
    expect((await request(app).get("/readyz")).status).toBe(200);
  });

  it("when the OpenAPI document is asked, then it describes every contract route from the zod schemas", async () => {
    const res = await request(app).get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const evaluate = res.body.paths["/api/triage/evaluate"].post;
    const schema = evaluate.requestBody.content["application/json"].schema;
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["householdSize", "illegalLending", "selfHarmRisk"]));
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/api/services", "/api/openapi.json"]));
  });

  it("when /metrics is asked outside production with nothing configured, then Prometheus text as the contract lists it (test/integration/edges/metrics-access.test.ts covers the rest)", async () => {
    const res = await request(app).get("/metrics");
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^# HELP /m);
  });

  it("when a route does not exist, then 404 in the error body and a request id header", async () => {
    const res = await request(app).get("/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    expect(res.headers["x-request-id"]).toMatch(/.{8,}/);
  });
});
