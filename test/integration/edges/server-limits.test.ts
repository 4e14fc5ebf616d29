import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { connect } from "node:net";
import { createApp } from "../../../server/app";
import { createHttpServer } from "../../../server/http/create-http-server";
import { buildTestApp } from "../../support/test-app";

/** What a socket received and whether the server closed it within `withinMs`. */
function watch(socket: Socket, withinMs: number): Promise<{ closed: boolean; received: string }> {
  return new Promise((resolve) => {
    let received = "";
    socket.on("data", (chunk: Buffer) => { received += chunk.toString("latin1"); });
    socket.on("error", () => undefined);
    const timer = setTimeout(() => resolve({ closed: false, received }), withinMs);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ closed: true, received });
    });
  });
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.on("error", reject);
  });
}

/**
 * The server's own limits, on real sockets: a request whose headers never finish is answered 408
 * and closed within the configured time, and past the connection cap new sockets are dropped.
 * Small configured values; the only time bound asserted is a generous "closed before" one.
 */
describe("server timeouts and connection cap", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-server-limits-"));
  const { runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" } });
  const config = { ...runtime.deps.config, HTTP_HEADERS_TIMEOUT_MS: 300, HTTP_REQUEST_TIMEOUT_MS: 600, HTTP_KEEP_ALIVE_TIMEOUT_MS: 300, HTTP_MAX_CONNECTIONS: 2 };
  let server: Server;
  let port = 0;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createHttpServer(createApp({ ...runtime.deps, config }), config);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("when a client never finishes its headers, then the server answers 408 and closes the socket well before a generous bound", async () => {
    const socket = await open(port);
    sockets.push(socket);
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    const outcome = await watch(socket, 10_000);
    expect({ closed: outcome.closed, status: outcome.received.slice(0, 12) }).toEqual({ closed: true, status: "HTTP/1.1 408" });
  });

  it("when a kept-alive socket stays idle, then the server closes it", async () => {
    const socket = await open(port);
    sockets.push(socket);
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const outcome = await watch(socket, 10_000);
    expect({ closed: outcome.closed, answered: outcome.received.startsWith("HTTP/1.1 200") }).toEqual({ closed: true, answered: true });
  });

  it("when more sockets than HTTP_MAX_CONNECTIONS are open, then the extra one is dropped while the others stay", async () => {
    const held = [await open(port), await open(port)];
    sockets.push(...held);
    const heldWatch = held.map((socket) => watch(socket, 10_000));
    const extra = await open(port);
    sockets.push(extra);
    const extraOutcome = await watch(extra, 10_000);
    const heldOpenWhenDropped = held.map((socket) => !socket.destroyed && socket.readyState === "open");
    expect({ dropped: extraOutcome.closed, answered: extraOutcome.received, heldOpenWhenDropped }).toEqual({ dropped: true, answered: "", heldOpenWhenDropped: [true, true] });
    // The held ones close later, by the headers timeout.
    expect((await Promise.all(heldWatch)).map((o) => o.closed)).toEqual([true, true]);
  });
});
