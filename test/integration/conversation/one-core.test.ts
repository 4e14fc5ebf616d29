import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Act, ChannelDriver, Seen } from "../../support/channel-drivers";
import { botpressDriver, kakaoDriver, webDriver } from "../../support/channel-drivers";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../../support/flow-harness";
import type { SafetyRow } from "../../fixtures/safety/safety-phrases";
import { DISTRESS, SELF_HARM, SEVERAL, SEXUAL_IMAGES, THREAT, VIOLENCE } from "../../fixtures/safety/safety-phrases";
import { buildTestApp } from "../../support/test-app";

const NOW = "2026-12-03T10:00:00+09:00";
const RELAY_TOKEN = "relay-token-for-the-one-core-test-0123456789";
const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-one-core-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir, RELAY_TOKENS: RELAY_TOKEN, RATE_LIMIT_IP_PER_MINUTE: "100000", RATE_LIMIT_SESSION_PER_MINUTE: "100000" }, now: NOW });

afterAll(async () => {
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The card debtor's answers, as acts: the shipped flow walked to its result. */
const CARD_DEBTOR: Act[] = walkInputs(CARD_DEBTOR_ANSWERS).map((input) => (input.optionId !== undefined ? { tap: input.optionId } : { say: input.text ?? "" }));
/** Consent, no self-harm thoughts, yes to debt: the walk up to the debt total. */
const TO_TOTAL = CARD_DEBTOR.slice(0, 3);

const SCRIPTS: Array<[string, Act[]]> = [
  ["a card debtor answers to the result, opens booking, picks a specialty and stops", [...CARD_DEBTOR, { tap: "booking:start" }, { tap: "booking:specialty:debt" }, { say: "예약 그만두기" }]],
  ["a loan-shark victim pastes a threat and types a crisis at a money question, then goes on", [
    ...TO_TOTAL, { say: "돈 안 갚으면 사진 뿌린다고 협박해요" }, { say: "죽고 싶어요" }, ...CARD_DEBTOR.slice(3),
  ]],
  ["a resident goes back, starts over and says 'I want to die' at consent", [
    ...TO_TOTAL, { say: "뒤로" }, { say: "처음으로" }, { say: "I want to die" }, { tap: "agree" },
  ]],
];

let users = 0;
async function channels(): Promise<ChannelDriver[]> {
  users += 1;
  return [await webDriver(app), await kakaoDriver(app, `one-core-${users}`), await botpressDriver(app, RELAY_TOKEN)];
}

/** Kakao shows ten quick replies at most: a longer list is paged nine at a time. */
const firstPage = (ids: string[]) => (ids.length > 10 ? ids.slice(0, 9) : ids);
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

describe("one conversation core for every channel", () => {
  it.each(SCRIPTS)("when %s, then web, Kakao and Botpress show the same options, the same call buttons and the same question", async (_name, acts) => {
    const [web, kakao, relay] = await channels();
    if (!web || !kakao || !relay) throw new Error("three channels");
    for (const [index, act] of acts.entries()) {
      const [w, k, b] = [await web.act(act), await kakao.act(act), await relay.act(act)];
      const where = `step ${index} (${JSON.stringify(act)})`;
      expect({ where, phones: k.phones }).toEqual({ where, phones: w.phones });
      expect({ where, phones: b.phones }).toEqual({ where, phones: w.phones });
      expect({ where, options: b.optionIds }).toEqual({ where, options: w.optionIds });
      expect({ where, options: k.optionIds }).toEqual({ where, options: firstPage(w.optionIds) });
      const question = squash(w.text.split("\n").at(-1) ?? "");
      expect({ where, shown: squash(k.text).includes(question) && squash(b.text).includes(question) }).toEqual({ where, shown: true });
    }
  });

  it("when the scripted victim finishes, then the result on every channel keeps 112, 109 and 1332 as call buttons", async () => {
    const [web, kakao, relay] = await channels();
    if (!web || !kakao || !relay) throw new Error("three channels");
    const script = SCRIPTS[1]?.[1] ?? [];
    let last: Seen[] = [];
    for (const act of script) last = [await web.act(act), await kakao.act(act), await relay.act(act)];
    for (const seen of last) expect(seen.phones).toEqual(expect.arrayContaining(["112", "109", "1332"]));
  });
});

/** The help a phrase must bring: 109 for a wish to die or despair, 112 and 1332 for threats, images and violence. */
function phonesFor([, signals]: SafetyRow): string[] {
  const phones = new Set<string>();
  for (const signal of signals) {
    if (signal === "self_harm" || signal === "distress") phones.add("109");
    else {
      phones.add("112");
      phones.add("1332");
    }
  }
  return [...phones];
}

const PHRASES: SafetyRow[] = [...SELF_HARM, ...DISTRESS, ...THREAT, ...SEXUAL_IMAGES, ...VIOLENCE, ...SEVERAL];

/** Plays acts in order; the last answer shown. */
async function play(driver: ChannelDriver, acts: readonly Act[]): Promise<Seen> {
  let seen = driver.first;
  for (const act of acts) seen = await driver.act(act);
  return seen;
}

/** Into the booking dialog after the result: the debt specialty, the first day and time offered; then it asks for the name. */
async function toNameStep(driver: ChannelDriver): Promise<void> {
  let seen = await play(driver, [...CARD_DEBTOR, { tap: "booking:start" }, { tap: "booking:specialty:debt" }]);
  seen = await driver.act({ tap: seen.optionIds.find((id) => id.startsWith("booking:day:")) ?? "no day offered" });
  seen = await driver.act({ tap: seen.optionIds.find((id) => id.startsWith("booking:time:")) ?? "no time offered" });
  if (seen.optionIds.join() !== "booking:quit") throw new Error(`not at the name step: ${seen.optionIds.join()}`);
}

/** Places in a conversation, each reached from the start. */
const POINTS: Array<[string, (driver: ChannelDriver) => Promise<unknown>]> = [
  ["at the consent question", async () => {}],
  ["at a money question", (driver) => play(driver, TO_TOTAL)],
  ["deep in the flow (household size)", (driver) => play(driver, CARD_DEBTOR.slice(0, CARD_DEBTOR.findIndex((act) => "say" in act && act.say === "2명")))],
  ["inside the booking dialog (asked for a name)", toNameStep],
  ["at the result", (driver) => play(driver, CARD_DEBTOR)],
];

describe("crisis language is read at every point, on the web and on Kakao", () => {
  it.each(POINTS.flatMap(([point, reach]) => (["web", "kakao"] as const).map((channel) => [point, channel, reach] as const)))(
    "when every phrase of the table is typed %s on %s, then each turn brings its call buttons and says the help",
    async (_point, channel, reach) => {
      users += 1;
      const driver = channel === "web" ? await webDriver(app) : await kakaoDriver(app, `crisis-${users}`);
      await reach(driver);
      const key = driver.key;
      const point = await runtime.sessions.findSession(key);
      if (point === undefined) throw new Error("no session at the point");
      const missed: string[] = [];
      for (const row of PHRASES) {
        await runtime.sessions.saveSession(key, point, 600); // every phrase is typed at the same point
        const seen = await driver.act({ say: row[0] });
        const expected = phonesFor(row);
        const helped = expected.every((phone) => seen.phones.includes(phone) && seen.text.includes(phone));
        if (!helped) missed.push(`${row[0]} → ${JSON.stringify(seen.phones)}`);
      }
      expect(missed).toEqual([]);
    },
  );
});
