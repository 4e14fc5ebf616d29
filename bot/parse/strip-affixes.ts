export type Affixes = { prefixes?: readonly string[]; suffixes?: readonly string[] };

/**
 * Removes the given prefixes and suffixes again and again, longest first, until none is left,
 * so "약 300만원 정도요" loses "약", "요" and "정도" whatever their order. Callers pass text
 * already without spaces, and affixes written the same way.
 */
export function stripAffixes(text: string, affixes: Affixes): string {
  const prefixes = byLengthDescending(affixes.prefixes ?? []);
  const suffixes = byLengthDescending(affixes.suffixes ?? []);
  let rest = text;
  for (;;) {
    const prefix = prefixes.find((p) => rest.startsWith(p));
    if (prefix !== undefined) {
      rest = rest.slice(prefix.length);
      continue;
    }
    const suffix = suffixes.find((s) => rest.endsWith(s));
    if (suffix !== undefined) {
      rest = rest.slice(0, rest.length - suffix.length);
      continue;
    }
    return rest;
  }
}

function byLengthDescending(words: readonly string[]): string[] {
  return words.filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
}
