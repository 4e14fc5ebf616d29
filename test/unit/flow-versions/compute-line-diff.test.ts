import fc from "fast-check";
import type { DiffLine } from "../../../server/flow-versions/compute-line-diff";
import { computeLineDiff, splitLines } from "../../../server/flow-versions/compute-line-diff";

const show = (diff: DiffLine[]) => diff.map((d) => `${{ same: " ", add: "+", del: "-" }[d.op]}${d.line}`);
const beforeOf = (diff: DiffLine[]) => diff.filter((d) => d.op !== "add").map((d) => d.line);
const afterOf = (diff: DiffLine[]) => diff.filter((d) => d.op !== "del").map((d) => d.line);
const edits = (diff: DiffLine[]) => diff.filter((d) => d.op !== "same").length;
/** The textbook LCS length, to check the script is the shortest one. */
function lcsLength(a: string[], b: string[]): number {
  const rows = a.map(() => new Array<number>(b.length + 1).fill(0));
  rows.push(new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = rows[i] ?? [];
      row[j] = a[i] === b[j] ? (rows[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(rows[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  return rows[0]?.[0] ?? 0;
}

describe("computeLineDiff", () => {
  it("when both texts are equal, then every line is the same", () => {
    expect(show(computeLineDiff("a\nb\nc\n", "a\nb\nc\n"))).toEqual([" a", " b", " c"]);
  });

  it("when a line is changed in the middle, then it is removed and its new form added in place", () => {
    expect(show(computeLineDiff("id: x\ntext: old\nnext: y\n", "id: x\ntext: new\nnext: y\n"))).toEqual([" id: x", "-text: old", "+text: new", " next: y"]);
  });

  it("when lines are inserted and deleted in several places, then the script is the shortest one", () => {
    const diff = computeLineDiff("a\nb\nc\nd\ne\nf", "a\nc\nd\nx\ne\nf\ng");
    expect(show(diff)).toEqual([" a", "-b", " c", " d", "+x", " e", " f", "+g"]);
  });

  it("when one side is empty, then the other side is all added or all removed", () => {
    expect(show(computeLineDiff("", "a\nb"))).toEqual(["+a", "+b"]);
    expect(show(computeLineDiff("a\nb\n", ""))).toEqual(["-a", "-b"]);
    expect(computeLineDiff("", "")).toEqual([]);
  });

  it("when lines end in CRLF or the last line has no break, then only the words are compared", () => {
    expect(splitLines("a\r\nb")).toEqual(["a", "b"]);
    expect(show(computeLineDiff("a\r\nb\r\n", "a\nb"))).toEqual([" a", " b"]);
  });

  it("when any two texts are compared, then the diff rebuilds both with the fewest edits", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 40 }).map((lines) => lines.join("\n"));
    fc.assert(fc.property(text, text, (before, after) => {
      const diff = computeLineDiff(before, after);
      expect(beforeOf(diff)).toEqual(splitLines(before));
      expect(afterOf(diff)).toEqual(splitLines(after));
      const [a, b] = [splitLines(before), splitLines(after)];
      expect(edits(diff)).toBe(a.length + b.length - 2 * lcsLength(a, b));
    }));
  });

  it("when a change is a single substitution, then it costs exactly two edits wherever it is", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom("a", "b", "  - id: c", "next: d"), { minLength: 1, maxLength: 30 }), fc.nat(), (lines, at) => {
      const index = at % lines.length;
      const changed = lines.map((line, i) => (i === index ? `${line}#changed` : line));
      expect(edits(computeLineDiff(lines.join("\n"), changed.join("\n")))).toBe(2);
    }));
  });

  // No clock here: an unbounded diff of 6,000 lines with 3,000 changes would run past the test's timeout.
  it("when the texts differ in more lines than the bound, then it still rebuilds both", () => {
    const before = Array.from({ length: 6000 }, (_, i) => `line ${i}`).join("\n");
    const after = Array.from({ length: 6000 }, (_, i) => (i % 2 ? `line ${i}` : `changed ${i}`)).join("\n");
    const diff = computeLineDiff(before, after);
    expect(beforeOf(diff)).toEqual(splitLines(before));
    expect(afterOf(diff)).toEqual(splitLines(after));
  });

  it("when the bound is small, then a diff over it falls back to removing then adding the middle", () => {
    expect(show(computeLineDiff("k\na\nb\nk", "k\nx\ny\nk", 2))).toEqual([" k", "-a", "-b", "+x", "+y", " k"]);
    expect(show(computeLineDiff("k\na\nb\nk", "k\nx\ny\nk", 4))).toEqual([" k", "-a", "-b", "+x", "+y", " k"]);
  });
});
