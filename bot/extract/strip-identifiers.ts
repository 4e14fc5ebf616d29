/** What kind of personal identifier was taken out of a text. */
export type IdentifierKind = "name" | "rrn" | "phone" | "card" | "account" | "email" | "address";

export type StrippedText = { text: string; removed: Partial<Record<IdentifierKind, number>> };

/**
 * Patterns in the order they run: the longest, most specific numbers first, so a resident
 * registration number is not half-eaten as a phone number or an account.
 */
const PATTERNS: ReadonlyArray<{ kind: IdentifierKind; pattern: RegExp; mask: string }> = [
  { kind: "email", pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, mask: "[이메일]" },
  { kind: "rrn", pattern: /(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*[-–]?\s*[1-8](?:\d{6}|\*{6})(?!\d)/g, mask: "[주민번호]" },
  { kind: "card", pattern: /(?<!\d)\d{4}[-\s]?\d{4}[-\s]?\d{4}[-\s]?\d{3,4}(?!\d)/g, mask: "[카드번호]" },
  { kind: "phone", pattern: /(?<!\d)(?:\+82[-\s]?)?0?1[016789][-\s.]?\d{3,4}[-\s.]?\d{4}(?!\d)/g, mask: "[전화번호]" },
  { kind: "phone", pattern: /(?<!\d)0(?:2|[3-6][1-5])[-\s.)]\d{3,4}[-\s.]\d{4}(?!\d)/g, mask: "[전화번호]" },
  { kind: "account", pattern: /(?<!\d)\d{2,6}-\d{2,6}-\d{2,7}(?:-\d{1,3})?(?!\d)/g, mask: "[계좌번호]" },
  { kind: "account", pattern: /(?<!\d)\d{10,14}(?!\d)/g, mask: "[계좌번호]" },
  {
    kind: "address",
    pattern: /(?:[가-힣]+(?:시|도)\s+)?[가-힣]+(?:구|군|시)\s+[가-힣\d]+(?:로|길|동|읍|면|리)(?:\s*\d+(?:-\d+)?(?:번지|번길)?)?(?:\s*\d+동)?(?:\s*\d+호)?/g,
    mask: "[주소]",
  },
  // A road address needs a building number after the road ("세종대로 110-1"), so "카드로 300" stays.
  { kind: "address", pattern: /[가-힣\d]+(?:로|길)\s*\d+(?:-\d+|번길\s*\d+)(?:\s*\d+동)?(?:\s*\d+호)?|\d+동\s*\d+호/g, mask: "[주소]" },
  { kind: "name", pattern: /(?<=(?:제\s*)?이름(?:은|이|:)\s*)[가-힣]{2,4}(?=[^가-힣]|이에요|예요|입니다|이고|이라고|라고|$)/g, mask: "[이름]" },
];

/**
 * Takes personal identifiers out of a resident's message before it leaves the server (to a
 * model) or reaches a log: names the resident gave (`names`, and "제 이름은 …"), phone numbers,
 * resident registration numbers, card and account numbers, e-mail addresses and street
 * addresses. Amounts ("3천", "50만원") and durations are left alone, as extraction needs them.
 */
export function stripIdentifiers(text: string, names: readonly string[] = []): StrippedText {
  const removed: Partial<Record<IdentifierKind, number>> = {};
  const count = (kind: IdentifierKind) => {
    removed[kind] = (removed[kind] ?? 0) + 1;
  };
  let result = text.normalize("NFKC");
  for (const { kind, pattern, mask } of PATTERNS) {
    result = result.replace(pattern, () => {
      count(kind);
      return mask;
    });
  }
  for (const name of names.map((n) => n.trim()).filter((n) => n.length >= 2)) {
    result = result.split(name).join("[이름]");
    const parts = result.split("[이름]").length - 1;
    if (parts > 0) removed.name = Math.max(removed.name ?? 0, parts);
  }
  return { text: result, removed };
}
