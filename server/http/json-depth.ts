/**
 * Whether a parsed JSON value nests at most `max` objects or arrays deep (a scalar is depth 0).
 * Walks with its own stack, so a hostile depth never overflows the call stack here; bodies are
 * checked with it before anything recursive (YAML writing, the flow schema) sees them.
 */
export function isWithinJsonDepth(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== "object" || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > max) return false;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth });
  }
  return true;
}
