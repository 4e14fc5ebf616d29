export type DiffLine = { op: "same" | "add" | "del"; line: string };

/**
 * Beyond this many changed lines (after the common start and end are set aside) the diff stops
 * looking for the shortest script and shows the middle as removed, then added: Myers' search
 * costs O((N+M)·D) time and O(D²) memory, so a bound keeps a 200 kB YAML cheap.
 */
export const MAX_DIFF_EDITS = 1000;

/** A line diff of two texts (Myers' shortest edit script), in order: unchanged, removed, added. */
export function computeLineDiff(before: string, after: string, maxEdits: number = MAX_DIFF_EDITS): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = shortestEdit(middleA, middleB, maxEdits) ?? [...middleA.map(del), ...middleB.map(add)];
  return [...a.slice(0, start).map(same), ...middle, ...a.slice(endA).map(same)];
}

/** Lines without their breaks; a final line break does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const same = (line: string): DiffLine => ({ op: "same", line });
const add = (line: string): DiffLine => ({ op: "add", line });
const del = (line: string): DiffLine => ({ op: "del", line });

/** Myers' greedy search; each step keeps only the band of diagonals it can reach. Undefined past `maxEdits`. */
function shortestEdit(a: readonly string[], b: readonly string[], maxEdits: number): DiffLine[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, Math.max(0, maxEdits));
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && at(v, offset + k - 1) < at(v, offset + k + 1));
      let x = down ? at(v, offset + k + 1) : at(v, offset + k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
  }
  return undefined;
}

/** Walks the saved bands back from the end, collecting the script in reverse. */
function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[]): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const band = trace[d];
    if (band === undefined) break;
    // The band of step d holds diagonals -d-1 … d+1 at indices 0 … 2d+2.
    const value = (k: number) => at(band, k + d + 1);
    const k = x - y;
    const prevK = k === -d || (k !== d && value(k - 1) < value(k + 1)) ? k + 1 : k - 1;
    const prevX = value(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push(same(a[x - 1] ?? ""));
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) out.push(add(b[y - 1] ?? ""));
      else out.push(del(a[x - 1] ?? ""));
    }
    x = prevX;
    y = prevY;
  }
  return out.reverse();
}

function at(values: Int32Array, index: number): number {
  return values[index] ?? 0;
}
