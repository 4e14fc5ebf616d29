import type { Server } from "node:http";
import path from "node:path";
import type { Express } from "express";
import type { Browser } from "playwright-core";
import { chromium } from "playwright-core";

/** Debian's Chromium, headless, with nothing that reaches out to the network (stack.md §6). */
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Screenshots and PDFs the browser tests keep (git ignores artifacts/). */
export const SCREENSHOTS = path.resolve(__dirname, "..", "..", "artifacts", "screenshots");

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
}

/** Serves the real app on 127.0.0.1 on a free port. */
export async function listenOnLoopback(app: Express): Promise<{ server: Server; baseUrl: string }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the app is not listening on a TCP port");
  return { server, baseUrl: `http://127.0.0.1:${address.port}` };
}
