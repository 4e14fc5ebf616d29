const OPENING = new Set(["(", "[", "{", "（", "［", "「", "『", "<"]);
const CLOSING = new Set([")", "]", "}", "）", "］", "」", "』", ">"]);
const SEPARATORS = new Set([",", "，", "、", "\n"]);

/**
 * A list written as one sentence ("신분증, 빌린 기록(차용증, 이체 내역), 소득 증빙") as its items,
 * split only at commas outside brackets, so "빌린 기록(차용증, 이체 내역)" stays one item. Empty
 * items are dropped; an unbalanced bracket keeps the rest as one item rather than losing text.
 */
export function splitDocumentList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (OPENING.has(char)) depth += 1;
    else if (CLOSING.has(char)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.has(char)) {
      items.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}
