import type { EngineContext } from "../../bot/conversation/engine-context";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import type { FlowVersion, FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import type { Logger } from "../logging/create-logger";
import type { FlowEngineDeps } from "./build-flow-engine";
import { buildFlowEngine } from "./build-flow-engine";

type Engine = EngineContext<EvaluationCore>;

/** What conversations ask for an engine: the newest published version, or the one a state began on. */
export type FlowSource = {
  current: () => Promise<Engine>;
  forVersion: (version: number) => Promise<Engine>;
  /** Without I/O: the version when loaded, else the newest known (after `forVersion` it is loaded). */
  peek: (version: number) => Engine;
};

export type FlowRegistryDeps = { store: FlowVersionStore; flowId: string; shipped: Engine; shippedYaml: string; build: FlowEngineDeps; logger: Logger; now: () => Date };

/**
 * The engines of every flow version this instance has seen, by number. The shipped flow becomes
 * version 1 when the store is empty; `refresh` (polled, and called after a publish) moves new
 * conversations to the newest published version; a conversation keeps the version it began on.
 */
export class FlowRegistry implements FlowSource {
  private readonly engines = new Map<number, Engine>();
  private published: number | undefined;
  private seeded = false;

  constructor(private readonly deps: FlowRegistryDeps) {}

  async current(): Promise<Engine> {
    if (!this.seeded) await this.refresh();
    return this.newest();
  }

  async forVersion(version: number): Promise<Engine> {
    const known = this.engines.get(version);
    if (known) return known;
    try {
      const stored = await this.deps.store.findVersion(this.deps.flowId, version);
      if (stored) return this.load(stored) ?? this.newest();
    } catch (error) {
      this.deps.logger.warn({ err: error, version }, "flow version not loadable; using the newest known");
    }
    return this.newest();
  }

  peek(version: number): Engine {
    return this.engines.get(version) ?? this.newest();
  }

  /** Seeds the store once, then loads the published version when it changed. Never throws. */
  async refresh(): Promise<void> {
    try {
      if (!this.seeded) {
        await this.deps.store.seedVersion({ flowId: this.deps.flowId, yaml: this.deps.shippedYaml, texts: {}, createdBy: "system", createdAt: this.deps.now().toISOString(), note: "shipped flow" });
        this.seeded = true;
      }
      const number = await this.deps.store.findPublishedNumber(this.deps.flowId);
      if (number === undefined || number === this.published) return;
      const stored = await this.deps.store.findVersion(this.deps.flowId, number);
      if (stored && this.load(stored)) this.published = number;
    } catch (error) {
      this.deps.logger.warn({ err: error }, "flow versions unavailable; keeping the current flow");
    }
  }

  /** Takes a version this instance just published into use at once. */
  activate(version: FlowVersion): void {
    if (this.load(version)) this.published = version.version;
  }

  /** Polls the store (several instances share Redis); returns the stop function. */
  startPolling(seconds: number): () => void {
    const timer = setInterval(() => void this.refresh(), seconds * 1000);
    timer.unref();
    return () => clearInterval(timer);
  }

  private newest(): Engine {
    return (this.published === undefined ? undefined : this.engines.get(this.published)) ?? this.deps.shipped;
  }

  private load(version: FlowVersion): Engine | undefined {
    const existing = this.engines.get(version.version);
    if (existing) return existing;
    const built = buildFlowEngine(version, version.version, this.deps.build);
    if (!built.ok) {
      this.deps.logger.warn({ version: version.version, problems: built.problems.length }, "stored flow version does not build");
      return undefined;
    }
    this.engines.set(version.version, built.engine);
    return built.engine;
  }
}
