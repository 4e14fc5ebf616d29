import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake answers the next chat completion. */
export type FakeBehaviour =
  | { kind: "json"; content: string }
  | { kind: "status"; status: number }
  | { kind: "answer"; answer: (userText: string) => string }
  /** Never answers (until the server closes): a model slower than any budget. */
  | { kind: "hang" };

export type FakeOpenAiServer = {
  /** With /v1, as the openai client wants it. */
  baseURL: string;
  /** Every request body received, raw, to check that no identifier ever arrived. */
  received: string[];
  behave: (behaviour: FakeBehaviour) => void;
  /** The body of the next request to arrive after this call. */
  nextRequest: () => Promise<string>;
  close: () => Promise<void>;
};

/**
 * A small OpenAI-compatible server on 127.0.0.1 (a random port) serving POST
 * /v1/chat/completions with the minimal response shape the real SDK accepts.
 */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const received: string[] = [];
  const waiting: ((body: string) => void)[] = [];
  let behaviour: FakeBehaviour = { kind: "status", status: 500 };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push(body);
      for (const waiter of waiting.splice(0)) waiter(body);
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      const current = behaviour;
      if (current.kind === "hang") return;
      const send = () => {
        if (current.kind === "status") {
          res.writeHead(current.status, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: "fake failure", type: "server_error" } }));
          return;
        }
        const content = current.kind === "json" ? current.content : current.answer(lastUserText(body));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(completion(content)));
      };
      send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === "string") throw new Error("fake OpenAI server has no TCP address");
  const { port } = address;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    received,
    behave: (next) => {
      behaviour = next;
    },
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function completion(content: string) {
  return {
    id: "chatcmpl-fake", object: "chat.completion", created: 1_780_000_000, model: "fake-model",
    choices: [{ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", content, refusal: null } }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function lastUserText(body: string): string {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== "object" || parsed === null || !("messages" in parsed) || !Array.isArray(parsed.messages)) return "";
  const last: unknown = parsed.messages[parsed.messages.length - 1];
  return typeof last === "object" && last !== null && "content" in last && typeof last.content === "string" ? last.content : "";
}
