import type { EngineContext } from "../../bot/conversation/engine-context";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import type { FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import { VersionedDocument } from "../admin-documents/versioned-document";
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
 * The flow as a versioned document (admin-documents/versioned-document.ts) whose versions build
 * into engines: the shipped flow becomes version 1 when the store is empty; new conversations get
 * the newest published version; a conversation keeps the version it began on. Each engine carries
 * its version's wording.
 */
export class FlowRegistry implements FlowSource {
  readonly document: VersionedDocument<Engine>;
  private refreshed = false;

  constructor(deps: FlowRegistryDeps) {
    this.document = new VersionedDocument<Engine>({
      store: deps.store, id: deps.flowId, shipped: deps.shipped, logger: deps.logger,
      seed: () => ({ flowId: deps.flowId, yaml: deps.shippedYaml, texts: {}, createdBy: "system", createdAt: deps.now().toISOString(), note: "shipped flow" }),
      parse: (version) => {
        const built = buildFlowEngine(version, version.version, deps.build);
        if (!built.ok) return { ok: false, problems: built.problems };
        return { ok: true, value: built.engine };
      },
    });
  }

  /** The newest published engine; the store is seeded and read on first use. */
  async current(): Promise<Engine> {
    if (!this.refreshed) await this.refresh();
    return this.document.current();
  }

  forVersion(version: number): Promise<Engine> {
    return this.document.forVersion(version);
  }

  peek(version: number): Engine {
    return this.document.peek(version);
  }

  /** Seeds the store once, then loads the published version when it changed. Never throws. */
  async refresh(): Promise<void> {
    await this.document.refresh();
    this.refreshed = true;
  }
}
