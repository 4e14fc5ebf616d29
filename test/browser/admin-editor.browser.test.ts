import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { FORMAT_CASES } from "../fixtures/i18n/message-format-cases";
import { SCREENSHOTS } from "../support/browser";
import { expectNoSeriousViolations } from "../support/axe";
import { openRecordedPage, signInOnConsole, useBrowserApp } from "../support/browser-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(150_000);

const TIMEOUT = 90_000;
const NOW = "2026-12-03T09:30:00+09:00";
const ADMIN = { username: "admin.park", password: "a long admin passphrase" };
const STAFF = { username: "counsellor.lee", password: "a long staff passphrase" };
const NEW_WORDING = "새 문구: 편집기에서 바꾼 동의 질문이에요. 시작할까요?";
const MY_WORDING = "내 문구: 저장하기 전에 다른 관리자가 초안을 바꿨어요.";
const ENGLISH_TOTAL_DEBT = z.object({ flow: z.object({ debt: z.object({ total: z.object({ question: z.string() }) }) }) })
  .parse(JSON.parse(readFileSync(path.resolve(__dirname, "../../locales/en/flow.json"), "utf8"))).flow.debt.total.question;

/** The first node of the shipped flow that asks the resident something (has text and waits for an answer). */
const FIRST_QUESTION = z.object({ nodes: z.array(z.object({ id: z.string(), type: z.string(), text: z.string().optional() }).loose()) })
  .parse(parseYaml(readFileSync(path.resolve(__dirname, "../../flows/default.flow.yaml"), "utf8")))
  .nodes.find((node) => node.text !== undefined && node.type !== "message" && node.type !== "end");

const env = useBrowserApp({ name: "admin", now: NOW, users: [{ ...ADMIN, role: "admin" }, { ...STAFF, role: "staff" }], timeoutMs: TIMEOUT });

const openContext = () => openRecordedPage(env.browser());
const signIn = (page: Page, user: { username: string; password: string }) => signInOnConsole(page, env.baseUrl, user);

/** A new resident (own context, never signed in) opens the chat at / and reads `text` in its first turn. */
async function expectResidentReads(text: string, screenshot: string): Promise<void> {
  const resident = await openContext();
  try {
    await resident.page.goto(env.baseUrl);
    await resident.page.waitForFunction((wanted) => document.getElementById("log")?.textContent?.includes(wanted), text, { timeout: 30_000 });
    await resident.page.screenshot({ path: path.join(SCREENSHOTS, `admin-${screenshot}.png`) });
    expect(resident.problems).toEqual([]);
  } finally {
    await resident.context.close();
  }
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `admin-${name}.png`), fullPage: true });
const statusText = (page: Page) => page.locator("#page-status").innerText();

describe("the admin flow editor in Chromium", () => {
  it("when an admin rewords the first question, saves, previews and publishes, then a resident's new chat shows the new wording, and a rollback brings the old one back", async () => {
    if (!FIRST_QUESTION) throw new Error("the shipped flow has no question node");
    const nodeId = FIRST_QUESTION.id;
    const { context, page, problems } = await openContext();
    try {
      await signIn(page, ADMIN);
      await page.goto(`${env.baseUrl}/admin/`);
      await page.locator("#node-list .node-item").first().waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("ko");
      await expect(page.locator(".admin-nav [aria-current=page]").innerText()).resolves.toBe("질문 흐름 편집");
      await expect(statusText(page)).resolves.toContain("흐름을 불러왔어요");

      // Each node reads with what it says or does, not its id alone.
      const said = (id: string) => page.locator(`#node-list [data-node-id="${id}"] .node-text`).textContent();
      await expect(said("total_debt")).resolves.toBe("빚은 모두 합쳐서 얼마쯤인가요?");
      await expect(said("total_debt_route")).resolves.toBe("totalDebtKrw = 0 → no_debt_facts; 그 밖에 → secured_gate");
      await expect(said("no_debt_facts")).resolves.toMatch(/^totalDebtKrw = 0, securedDebtKrw = 0, creditorTypes = \[\], /);
      await expect(said("creditor_types_unknown")).resolves.toBe("creditorTypes = (비움)");
      await expect(said("financial_debt_route")).resolves.toMatch(/^creditorTypes 앎 그리고 아님\(creditorTypes에 bank, card, .* 중 하나라도 포함\) → prior_discharge_gate; 그 밖에 → overdue_days$/);
      await expect(said("evaluate")).resolves.toBe("지금까지의 답으로 맞는 제도를 판정해요");
      await page.locator('#node-list [data-node-id="total_debt_route"]').scrollIntoViewIfNeeded();
      await shot(page, "00-node-list");

      // The graph view draws one box per node and selects by click.
      const listed = await page.locator("#node-list .node-item").count();
      await page.locator("#graph-toggle").click();
      await page.locator("#node-graph svg .graph-node").first().waitFor();
      expect(await page.locator("#node-graph svg .graph-node").count()).toBe(listed);
      const box = page.locator('#node-graph [data-node-id="total_debt"]');
      // A box shows the start of the question (cut to fit) and names the whole of it.
      await expect(box.locator(".graph-text").textContent()).resolves.toMatch(/^빚은 모두 합쳐서 얼마/);
      await expect(box.locator("title").textContent()).resolves.toContain("빚은 모두 합쳐서 얼마쯤인가요?");
      await expect(page.locator('#node-graph [data-node-id="age"] .graph-text').textContent()).resolves.toBe("나이는 만으로 몇 살인가요?");
      const widest = await page.locator("#node-graph .graph-text").evaluateAll((texts) => Math.max(...texts.map((text) => (text instanceof SVGTextElement ? text.getComputedTextLength() : 0))));
      const boxWidth = await box.locator("rect").evaluate((rect) => rect.getBoundingClientRect().width);
      expect(widest).toBeLessThanOrEqual(boxWidth - 8);
      expect(await page.locator("#node-graph svg .graph-edge").count()).toBeGreaterThan(listed / 2);
      await shot(page, "00-graph");
      await expectNoSeriousViolations(page, "admin editor, graph");
      // Keyboard: a focused graph box selects its node with Enter.
      await page.locator(`#node-graph [data-node-id="${nodeId}"]`).focus();
      await page.keyboard.press("Enter");
      await expect(page.locator("#form-heading").innerText()).resolves.toContain(nodeId);
      await page.locator("#graph-toggle").click();

      await page.locator(`#node-list [data-node-id="${nodeId}"]`).click();
      await expect(page.locator("#form-heading").innerText()).resolves.toContain(nodeId);
      await expect(page.locator(`#node-list [data-node-id="${nodeId}"]`).getAttribute("aria-current")).resolves.toBe("true");
      const korean = page.locator("#field-text-ko");
      const before = await korean.inputValue();
      expect(before.length).toBeGreaterThan(0);
      expect(before).not.toBe(NEW_WORDING);
      await expect(page.locator("#field-text-en").inputValue()).resolves.not.toBe("");
      // The form has the fields the node's kind lists (from the server's registry): a choice's
      // option labels and their links, and its own optional links; a yes/no its answers' links.
      const paths = () => page.locator("#node-fields select").evaluateAll((selects) => selects.map((s) => s.getAttribute("data-path")));
      await expect(paths()).resolves.toEqual(["options.0.next", "options.1.next", "next", "onUnknown"]);
      await expect(page.locator("#option-0-ko").inputValue()).resolves.toBe("동의해요");
      await page.locator('#node-list [data-node-id="has_debt"]').click();
      await expect(paths()).resolves.toEqual(["next", "onUnknown", "onYes", "onNo"]);
      await page.locator(`#node-list [data-node-id="${nodeId}"]`).click();
      // The list shows each question beside its id, and follows the form as the admin types.
      const listedText = (id: string) => page.locator(`#node-list [data-node-id="${id}"] .node-text`).textContent();
      await expect(listedText(nodeId)).resolves.toBe(before);
      await korean.fill(NEW_WORDING);
      await expect(listedText(nodeId)).resolves.toBe(NEW_WORDING);
      await expect(page.locator("#dirty-flag").isVisible()).resolves.toBe(true);
      await page.locator("#save-draft").click();
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("초안을 저장했어요"));
      await expect(page.locator("#dirty-flag").isVisible()).resolves.toBe(false);
      await expect(page.locator("#draft-info").innerText()).resolves.toContain("초안");
      // The reloaded draft carries the new wording, and the node is still selected.
      await expect(page.locator("#field-text-ko").inputValue()).resolves.toBe(NEW_WORDING);
      await shot(page, "01-node-saved");
      await expectNoSeriousViolations(page, "admin editor, node form");
      await page.locator("#validate").click();
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("검사를 마쳤어요"));
      await expect(statusText(page)).resolves.toContain("고칠 점이 없어요");

      await page.locator("#tab-yaml").click();
      await expect(page.locator("#yaml-text").inputValue()).resolves.toContain(`id: ${nodeId}`);
      // Saving the YAML keeps the draft's own wording overrides: the one changed text, not every text.
      await page.locator("#yaml-save").click();
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("초안을 저장했어요"));
      const versions = await (await page.request.get(`${env.baseUrl}/api/admin/flows/default`)).json() as { draft: { texts: { ko?: object; en?: object } } };
      const leaves = (tree: object): unknown[] => Object.values(tree).flatMap((v: unknown) => (typeof v === "object" && v !== null ? leaves(v) : [v]));
      expect(leaves(versions.draft.texts.ko ?? {})).toEqual([NEW_WORDING]);
      expect(leaves(versions.draft.texts.en ?? {})).toEqual([]);

      await page.locator("#tab-diff").click();
      await page.locator("#diff-body .diff-texts").waitFor();
      await expect(page.locator("#diff-body .diff-texts").innerText()).resolves.toContain(NEW_WORDING);

      await page.locator("#tab-preview").click();
      await page.waitForFunction((text) => document.getElementById("preview-log")?.textContent?.includes(text), NEW_WORDING);
      expect(await page.locator("#preview-options [data-option-id]").count()).toBeGreaterThan(1);
      await shot(page, "02-preview");
      await expectNoSeriousViolations(page, "admin editor, preview");

      await page.locator("#publish-note").fill("동의 질문 문구를 다듬었어요");
      await page.locator("#publish").click();
      await page.locator("dialog.confirm #confirm-yes").click();
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("게시했어요"));
      // The particle fits the number read aloud: "버전 2를", never "버전 2을(를)".
      await expect(statusText(page)).resolves.toContain("버전 2를 게시했어요");

      await page.locator("#tab-history").click();
      await page.locator('#history-body tr[data-version="2"]').waitFor();
      await expect(page.locator('#history-body tr[data-version="2"]').innerText()).resolves.toContain("동의 질문 문구를 다듬었어요");
      await expect(page.locator('#history-body tr[data-version="2"]').innerText()).resolves.toContain(ADMIN.username);
      expect(await page.locator('#history-body tr[data-version="1"] [data-rollback]').count()).toBe(1);
      expect(await page.locator('#history-body tr[data-version="2"] [data-rollback]').count()).toBe(0);
      await shot(page, "03-history");

      // A resident who never signed in: a new context, the chat page at /.
      await expectResidentReads(NEW_WORDING, "04-resident-chat");

      // Rolling back to version 1 publishes its wording again as version 3.
      await page.locator('#history-body tr[data-version="1"] [data-rollback]').click();
      await page.locator("dialog.confirm #confirm-yes").click();
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("되돌렸어요"));
      await expect(statusText(page)).resolves.toContain("버전 1로 되돌렸어요");
      await page.locator('#history-body tr[data-version="3"]').waitFor();
      await expect(page.locator('#history-body tr[data-version="3"] .status-pill').innerText()).resolves.toBe("게시됨");
      await expectResidentReads(before, "06-resident-after-rollback");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("when an admin imports an edited YAML file in the YAML tab, then the draft becomes that file, problems are listed for a broken one, and the draft can be exported", async () => {
    const shipped = readFileSync(path.resolve(__dirname, "../../flows/default.flow.yaml"), "utf8");
    const edited = shipped.replace("start: welcome", "# imported in the browser test\nstart: welcome").replace("비동의, no, disagree, i disagree]", "비동의, no, disagree]");
    expect(edited).toContain("비동의, no, disagree]");
    const { context, page, problems } = await openContext();
    try {
      await signIn(page, ADMIN);
      await page.goto(`${env.baseUrl}/admin/`);
      await page.locator("#node-list .node-item").first().waitFor();
      await page.locator("#tab-yaml").click();
      await expect(page.locator("#yaml-export").isVisible()).resolves.toBe(false);

      // A file whose flow points at a node that does not exist: saved, with the gate's problem listed.
      await page.locator("#yaml-import").setInputFiles({ name: "broken.flow.yaml", mimeType: "application/yaml", buffer: Buffer.from(shipped.replace("start: welcome", "start: nowhere")) });
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("broken.flow.yaml"));
      await expect(page.locator("#all-problems").innerText()).resolves.toContain("nowhere");

      await page.locator("#yaml-import").setInputFiles({ name: "edited.flow.yaml", mimeType: "application/yaml", buffer: Buffer.from(edited) });
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("edited.flow.yaml 파일을 초안으로 가져왔어요. 고칠 점 0개"));
      await expect(page.locator("#yaml-text").inputValue()).resolves.toBe(edited);
      await expect(page.locator("#draft-info").innerText()).resolves.toContain("초안");
      await expect(page.locator("#all-problems").isVisible()).resolves.toBe(false);
      const versions = await (await page.request.get(`${env.baseUrl}/api/admin/flows/default`)).json() as { draft: { yaml: string; note: string } };
      expect(versions.draft).toMatchObject({ yaml: edited, note: "파일에서 가져옴: edited.flow.yaml" });

      // The export link carries the draft's literal YAML, comment included.
      await expect(page.locator("#yaml-export").isVisible()).resolves.toBe(true);
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#yaml-export").click()]);
      expect(download.suggestedFilename()).toBe("default.draft.flow.yaml");
      expect(readFileSync(await download.path(), "utf8")).toBe(edited);
      await shot(page, "07-yaml-imported");
      await expectNoSeriousViolations(page, "admin editor, YAML import");

      // The diff compares in one form: the comment is no change, the removed synonym is the only one.
      await page.locator("#tab-diff").click();
      await page.locator("#diff-body .diff-lines").waitFor();
      const changed = await page.locator("#diff-body .diff-line[data-op=add], #diff-body .diff-line[data-op=del]").allTextContents();
      expect(changed).toEqual([expect.stringMatching(/^삭제: - \s+- i disagree$/)]);
      await expect(page.locator("#diff-form").innerText()).resolves.toContain("같은 형식으로");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("when another admin saves the draft after the page loaded it, then saving in the page shows the conflict and the form keeps the admin's text", async () => {
    if (!FIRST_QUESTION) throw new Error("the shipped flow has no question node");
    const shipped = readFileSync(path.resolve(__dirname, "../../flows/default.flow.yaml"), "utf8");
    const theirs = shipped.replace("start: welcome", "# saved by another admin\nstart: welcome");
    const { context, page, problems } = await openContext();
    try {
      await signIn(page, ADMIN);
      await page.goto(`${env.baseUrl}/admin/`);
      await page.locator("#node-list .node-item").first().waitFor();
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("흐름을 불러왔어요"));
      await page.locator(`#node-list [data-node-id="${FIRST_QUESTION.id}"]`).click();
      await page.locator("#field-text-ko").fill(MY_WORDING);

      // Another admin saves a draft meanwhile (through the API, with its own CSRF token).
      const me = await (await page.request.get(`${env.baseUrl}/api/staff/me`)).json() as { csrfToken: string };
      const other = await page.request.put(`${env.baseUrl}/api/admin/flows/default/draft`, { headers: { "X-CSRF-Token": me.csrfToken }, data: { yaml: theirs, note: "다른 관리자" } });
      expect(other.status()).toBe(200);

      await page.locator("#save-draft").click();
      await page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("다른 관리자가 이 초안을 저장했어요"));
      await expect(page.locator("#field-text-ko").inputValue()).resolves.toBe(MY_WORDING);
      await expect(page.locator("#dirty-flag").isVisible()).resolves.toBe(true);
      const versions = await (await page.request.get(`${env.baseUrl}/api/admin/flows/default`)).json() as { draft: { yaml: string; note: string } };
      expect(versions.draft).toMatchObject({ yaml: theirs, note: "다른 관리자" });
      await shot(page, "08-draft-conflict");

      // The YAML tab's save and a file import are refused the same way.
      // (The status line is emptied first, so each message seen is new.)
      const clearStatus = () => page.evaluate(() => { document.getElementById("page-status")!.textContent = ""; });
      const conflictShown = () => page.waitForFunction(() => document.getElementById("page-status")?.textContent?.includes("다른 관리자가 이 초안을 저장했어요"));
      await page.locator("#tab-yaml").click();
      await clearStatus();
      await page.locator("#yaml-save").click();
      await conflictShown();
      await clearStatus();
      await page.locator("#yaml-import").setInputFiles({ name: "mine.flow.yaml", mimeType: "application/yaml", buffer: Buffer.from(shipped) });
      // The form has unsaved edits: the page asks before the import replaces them.
      await page.locator("dialog.confirm #confirm-yes").click();
      await conflictShown();
      expect(((await (await page.request.get(`${env.baseUrl}/api/admin/flows/default`)).json()) as { draft: { yaml: string } }).draft.yaml).toBe(theirs);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("when an admin opens the editor in English, then each node reads in English beside its id, and the page's strings take the particles of the message format", async () => {
    const { context, page, problems } = await openContext();
    try {
      await signIn(page, ADMIN);
      await page.goto(`${env.baseUrl}/admin/?lang=en`);
      await page.locator("#node-list .node-item").first().waitFor();
      const said = (id: string) => page.locator(`#node-list [data-node-id="${id}"] .node-text`).textContent();
      await expect(said("total_debt")).resolves.toBe(ENGLISH_TOTAL_DEBT);
      await expect(said("total_debt_route")).resolves.toBe("totalDebtKrw = 0 → no_debt_facts; otherwise → secured_gate");
      await expect(said("evaluate")).resolves.toBe("Scores which services fit the answers so far");
      await shot(page, "07-node-list-en");
      await expectNoSeriousViolations(page, "admin editor, English node list");

      // The page fills its strings (admin-common's t) with the pages' shared format, served under
      // the admin's CSP: the shared examples, in both languages. A page's strings arrive with their
      // $t(…) already resolved, so those examples are the server's alone.
      const cases = FORMAT_CASES.filter((c) => !c.template.includes("$t("));
      expect(cases.filter((c) => /\{\{\w+, /.test(c.template)).length).toBeGreaterThanOrEqual(8);
      // A string, so the test transform leaves the page's own dynamic import alone.
      const examples = JSON.stringify(cases.map(({ template, params }) => ({ template, params })));
      const filled = z.array(z.array(z.string())).parse(await page.evaluate(`import("/shared/format-message.js").then((m) => ${examples}.map((c) => ["ko", "en"].map((lang) => m.format({ k: c.template }, "k", c.params, lang))))`));
      expect(filled).toEqual(cases.map((c) => [c.ko, c.en]));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("when a counsellor who is not an admin opens /admin/, then the page says so and shows no editor", async () => {
    const { context, page, problems } = await openContext();
    try {
      await signIn(page, STAFF);
      await page.goto(`${env.baseUrl}/admin/`);
      await page.locator("#access-notice").waitFor();
      await expect(page.locator("#access-notice").innerText()).resolves.toContain(`${STAFF.username} 계정은 관리자가 아니에요`);
      await expect(page.locator("#access-notice a").getAttribute("href")).resolves.toBe("/console/");
      await expect(page.locator("#page-body").isVisible()).resolves.toBe(false);
      await shot(page, "05-not-admin");
      await expectNoSeriousViolations(page, "admin, not an admin");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("when nobody is signed in, then /admin/ asks to sign in on the console, in English when asked", async () => {
    const { context, page, problems } = await openContext();
    try {
      await page.goto(`${env.baseUrl}/admin/?lang=en`);
      await page.locator("#access-notice").waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await expect(page.locator("#access-notice").innerText()).resolves.toContain("Please sign in on the staff console");
      await expect(page.locator("#access-notice a").getAttribute("href")).resolves.toBe("/console/");
      await expect(page.locator("#page-body").isVisible()).resolves.toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
