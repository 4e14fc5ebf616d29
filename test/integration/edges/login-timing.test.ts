import type { Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { createStaffUser } from "../../../server/staff/auth/staff-auth";
import { buildTestApp } from "../../support/test-app";

const NOW = "2026-12-03T10:00:00+09:00";
const PASSWORD = "correct horse battery";
/** Samples of each kind of failure; the medians of many samples keep a loaded machine's noise out. */
const ROUNDS = 16;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * A timed login must not tell an unknown name, a wrong password and a locked account apart (the
 * real scrypt hash, through HTTP): the median durations of the three kinds stay within a factor of
 * two of each other. Before, a locked account answered in about 4 ms against about 120 otherwise.
 */
describe("login timing", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-login-timing-"));
  const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false", TRUST_PROXY_HOPS: "1", STAFF_LOGIN_FAILURES_PER_IP: "10000" }, now: NOW });
  let server: Server;
  const lockedIp = "198.51.100.99";

  beforeAll(async () => {
    await createStaffUser(runtime.deps.staffAuth.users, { username: "kim", role: "staff", password: PASSWORD }, new Date(NOW));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    for (let i = 0; i < 5; i++) await request(server).post("/api/staff/login").set("X-Forwarded-For", lockedIp).send({ username: "kim", password: `wrong ${i}` }).expect(401);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("when unknown names, wrong passwords and a locked account are timed, then their medians are within 2x of each other and every answer is the same 401", async () => {
    const kinds = {
      // A fresh address and name each time, so no lock or per-address limit changes what is measured.
      unknown: (i: number) => ({ ip: `203.0.113.${i + 1}`, username: `nobody${i}`, password: PASSWORD }),
      wrong: (i: number) => ({ ip: `192.0.2.${i + 1}`, username: "kim", password: `wrong password ${i}` }),
      locked: (_i: number) => ({ ip: lockedIp, username: "kim", password: PASSWORD }),
    };
    const durations: Record<keyof typeof kinds, number[]> = { unknown: [], wrong: [], locked: [] };
    const bodies = new Set<string>();
    for (let round = -2; round < ROUNDS; round++) {
      // Interleaved, so a burst of load on the machine falls on every kind alike; two warm-up rounds are not kept.
      for (const kind of Object.keys(kinds) as Array<keyof typeof kinds>) {
        const { ip, username, password } = kinds[kind](round + 2);
        const started = process.hrtime.bigint();
        const res = await request(server).post("/api/staff/login").set("X-Forwarded-For", ip).send({ username, password });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        expect(res.status).toBe(401);
        bodies.add(JSON.stringify(res.body));
        if (round >= 0) durations[kind].push(ms);
      }
    }
    const medians = { unknown: median(durations.unknown), wrong: median(durations.wrong), locked: median(durations.locked) };
    const ratios = { unknownToWrong: medians.unknown / medians.wrong, lockedToWrong: medians.locked / medians.wrong };
    expect({ ratios, within: Object.values(ratios).every((r) => r >= 0.5 && r <= 2) }).toEqual({ ratios, within: true });
    expect(bodies.size).toBe(1);
  }, 120_000);
});
