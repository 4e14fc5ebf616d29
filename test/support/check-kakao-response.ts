import { z } from "zod";

/**
 * Checks a body against every limit of /work/shared/reference/kakao-skill.md (SkillResponse 2.0),
 * whatever components it uses, and throws one error listing each problem with its path. With
 * `softTextLimit` (the default) every simpleText must also stay under 500 characters, where
 * KakaoTalk starts folding it behind "전체 보기".
 */
export function assertValidSkillResponse(body: unknown, options: { softTextLimit?: boolean } = {}): void {
  const problems = listSkillResponseProblems(body, options.softTextLimit ?? true);
  if (problems.length > 0) throw new Error(`invalid SkillResponse:\n  ${problems.join("\n  ")}\n${JSON.stringify(body, null, 2)}`);
}

/** The same checks as a list of "path: problem" lines (empty when valid). */
export function listSkillResponseProblems(body: unknown, softTextLimit = true): string[] {
  const problems: string[] = [];
  const add = (path: string, message: string) => problems.push(`${path}: ${message}`);
  const parsed = topSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(pathOf(issue.path), issue.message);
    return problems;
  }
  const { outputs, quickReplies } = parsed.data.template;
  outputs.forEach((output, i) => checkComponent(output, `template.outputs.${i}`, add, softTextLimit));
  (quickReplies ?? []).forEach((reply, i) => check(quickReplySchema, reply, `template.quickReplies.${i}`, add));
  return problems;
}

type Add = (path: string, message: string) => void;

const topSchema = z.object({
  version: z.literal("2.0"),
  template: z.object({ outputs: z.array(z.unknown()).min(1).max(3), quickReplies: z.array(z.unknown()).max(10).optional() }),
  context: z.object({ values: z.array(z.object({ name: z.string().min(1), lifeSpan: z.number().int().min(0), ttl: z.number().optional(), params: z.record(z.string(), z.string()).optional() })) }).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  useCallback: z.boolean().optional(),
});
const simpleTextSchema = z.object({ text: z.string().min(1).max(1000) });
const simpleImageSchema = z.object({ imageUrl: z.string().min(1), altText: z.string().max(50).optional() });
const carouselSchema = z.object({
  type: z.enum(["textCard", "basicCard", "commerceCard", "listCard", "itemCard"]),
  items: z.array(z.unknown()).min(1).max(10),
  header: z.object({ title: z.string(), description: z.string(), thumbnail: z.object({ imageUrl: z.string() }) }).optional(),
});

const link = z.object({ pc: z.string().optional(), mobile: z.string().optional(), web: z.string().optional() });
const thumbnail = z.object({ imageUrl: z.string().min(1), altText: z.string().max(50).optional(), link: link.optional(), fixedRatio: z.boolean().optional() });

const buttonSchema = z.object({
  label: z.string().min(1).max(14),
  action: z.enum(["webLink", "message", "phone", "block", "share", "operator"]),
  webLinkUrl: z.string().optional(), phoneNumber: z.string().optional(), blockId: z.string().optional(),
  messageText: z.string().optional(), extra: z.record(z.string(), z.unknown()).optional(),
}).superRefine((b, ctx) => {
  if (b.action === "phone" && !b.phoneNumber) ctx.addIssue({ code: "custom", message: "a phone button needs phoneNumber" });
  if (b.action === "phone" && b.phoneNumber && !/^[0-9+\-() ]{3,20}$/.test(b.phoneNumber)) ctx.addIssue({ code: "custom", message: "phoneNumber is not a phone number" });
  if (b.action === "webLink" && !b.webLinkUrl) ctx.addIssue({ code: "custom", message: "a webLink button needs webLinkUrl" });
  if (b.action === "block" && !b.blockId) ctx.addIssue({ code: "custom", message: "a block button needs blockId" });
});

const quickReplySchema = z.object({
  label: z.string().min(1).max(14),
  action: z.enum(["message", "block"]),
  messageText: z.string().min(1).optional(),
  blockId: z.string().optional(),
  extra: z.unknown().optional(),
}).superRefine((q, ctx) => {
  if (q.action === "message" && !q.messageText) ctx.addIssue({ code: "custom", message: "a message quick reply needs messageText" });
  if (q.action === "block" && !q.blockId) ctx.addIssue({ code: "custom", message: "a block quick reply needs blockId" });
});

const cardCommon = {
  buttons: z.array(z.unknown()).optional(),
  buttonLayout: z.enum(["vertical", "horizontal"]).optional(),
  forwardable: z.boolean().optional(),
};

const cardSchemas = {
  textCard: (inCarousel: boolean) => z.object({
    title: z.string().max(50).optional(),
    description: z.string().max(inCarousel ? 128 : 400).optional(),
    ...cardCommon,
  }).superRefine((c, ctx) => {
    if (!c.title && !c.description) ctx.addIssue({ code: "custom", message: "a textCard needs a title or a description" });
    if (!inCarousel && (c.title ?? "").length + (c.description ?? "").length > 400) ctx.addIssue({ code: "custom", message: "title and description share 400 characters" });
  }),
  basicCard: (_inCarousel: boolean) => z.object({ title: z.string().max(50).optional(), description: z.string().max(230).optional(), thumbnail, ...cardCommon }),
  commerceCard: (_inCarousel: boolean) => z.object({
    title: z.string().max(30).optional(), description: z.string().max(40).optional(), price: z.number(), currency: z.literal("won").optional(),
    discount: z.number().optional(), discountRate: z.number().optional(), discountedPrice: z.number().optional(),
    thumbnails: z.array(thumbnail).length(1), profile: z.object({ nickname: z.string(), imageUrl: z.string().optional() }).optional(), ...cardCommon,
  }),
  listCard: (inCarousel: boolean) => z.object({
    header: z.object({ title: z.string().min(1) }),
    items: z.array(z.object({ title: z.string().min(1), description: z.string().optional(), imageUrl: z.string().optional(), link: link.optional(), action: z.enum(["block", "message"]).optional(), blockId: z.string().optional(), messageText: z.string().optional(), extra: z.record(z.string(), z.unknown()).optional() })).min(1).max(inCarousel ? 4 : 5),
    buttons: cardCommon.buttons, buttonLayout: cardCommon.buttonLayout,
  }),
  itemCard: (inCarousel: boolean) => z.object({
    itemList: z.array(z.object({ title: z.string().max(6), description: z.string() })).min(1).max(inCarousel ? 5 : 10),
    itemListSummary: z.object({ title: z.string().max(6), description: z.string().max(14) }).optional(),
    profile: z.object({ title: z.string().max(15) }).loose().optional(),
    head: z.object({ title: z.string() }).optional(),
    title: z.string().optional(), description: z.string().optional(), ...cardCommon,
  }).loose().superRefine((c, ctx) => {
    if (c.head && c.profile) ctx.addIssue({ code: "custom", message: "head and profile exclude each other" });
    if (c.description && !c.title) ctx.addIssue({ code: "custom", message: "description requires title" });
    if ((c.title ?? "").length + (c.description ?? "").length > (inCarousel ? 100 : 200)) ctx.addIssue({ code: "custom", message: "title+description too long" });
  }),
} as const;

type CardType = keyof typeof cardSchemas;
const isCardType = (key: string): key is CardType => key in cardSchemas;

function checkComponent(output: unknown, path: string, add: Add, softTextLimit: boolean): void {
  if (typeof output !== "object" || output === null || Array.isArray(output)) return add(path, "a component must be an object");
  const entries = Object.entries(output);
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) return add(path, `a component has exactly one key, got ${entries.map(([k]) => k).join(", ") || "none"}`);
  const [kind, value] = entry;
  const at = `${path}.${kind}`;
  if (kind === "simpleText") {
    const text = check(simpleTextSchema, value, at, add)?.text;
    if (softTextLimit && text !== undefined && text.length >= 500) add(`${at}.text`, `${text.length} characters: past 500 Kakao folds it behind "전체 보기"`);
    return;
  }
  if (kind === "simpleImage") return void check(simpleImageSchema, value, at, add);
  if (kind === "carousel") return checkCarousel(value, at, add);
  if (isCardType(kind)) return checkCard(kind, value, at, add, false);
  add(path, `unknown component "${kind}"`);
}

function checkCarousel(value: unknown, at: string, add: Add): void {
  const carousel = check(carouselSchema, value, at, add);
  if (!carousel) return;
  if (carousel.type === "listCard" && carousel.items.length > 5) add(`${at}.items`, "a listCard carousel holds at most 5 items");
  if (carousel.header && (carousel.type === "textCard" || carousel.type === "listCard")) add(`${at}.header`, `no header on a ${carousel.type} carousel`);
  carousel.items.forEach((item, i) => checkCard(carousel.type, item, `${at}.items.${i}`, add, true));
}

/** Built once per card type and place: building zod schemas costs more than checking with them. */
const builtCardSchemas = new Map<string, ReturnType<(typeof cardSchemas)[CardType]>>();

function cardSchemaOf(type: CardType, inCarousel: boolean) {
  const key = `${type}:${inCarousel}`;
  const built = builtCardSchemas.get(key) ?? cardSchemas[type](inCarousel);
  builtCardSchemas.set(key, built);
  return built;
}

function checkCard(type: CardType, value: unknown, at: string, add: Add, inCarousel: boolean): void {
  const card = check(cardSchemaOf(type, inCarousel), value, at, add);
  if (!card || card.buttons === undefined) return;
  const horizontal = card.buttonLayout === "horizontal";
  if (card.buttons.length > (horizontal ? 2 : 3)) add(`${at}.buttons`, `at most ${horizontal ? 2 : 3} buttons, got ${card.buttons.length}`);
  card.buttons.forEach((button, i) => {
    const checked = check(buttonSchema, button, `${at}.buttons.${i}`, add);
    if (checked && horizontal && checked.label.length > 8) add(`${at}.buttons.${i}.label`, "at most 8 characters side by side");
  });
}

function check<S extends z.ZodType>(schema: S, value: unknown, at: string, add: Add): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) add(pathOf([at, ...issue.path]), issue.message);
  return undefined;
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join(".") || "(body)";
}
