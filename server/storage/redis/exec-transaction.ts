import type { ChainableCommander } from "ioredis";

/**
 * Runs a MULTI/EXEC and fails loudly when Redis aborted it (EXEC answered null: a WATCH on the
 * connection saw a change) or any command in it failed, so nothing is ever dropped silently.
 * Returns each command's reply.
 */
export async function execTransaction(tx: ChainableCommander, what: string): Promise<unknown[]> {
  const results = await tx.exec();
  if (results === null) throw new Error(`redis transaction aborted: ${what}`);
  const failed = results.find(([error]) => error !== null)?.[0];
  if (failed) throw failed;
  return results.map(([, reply]) => reply);
}
