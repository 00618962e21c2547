import { startGateway, RunningGateway } from "@partnergraph/gateway";
import {
  config,
  DEFAULT_PORTS,
  RunningSubgraph,
  setConfig,
  startSubgraph,
  SubgraphName,
  SUBGRAPH_NAMES,
} from "@partnergraph/kit";
import { DEMO_SEEDS, SUBGRAPHS } from "./subgraphs";

export interface LaunchOptions {
  supergraphSdl: string;
  /** Gateway port; 0 picks a free one. Subgraphs take free ports unless `fixedPorts`. */
  port?: number;
  fixedPorts?: boolean;
  seedDemo?: boolean;
  runMigrations?: boolean;
}

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  stop(): Promise<void>;
}

/** The port of the subgraph's configured URL (IDENTITY_URL…, 4001–4004 by default). */
function configuredPort(name: SubgraphName): number {
  const url = new URL(config().subgraphUrls[name]);
  return url.port ? Number(url.port) : DEFAULT_PORTS[name];
}

/** Starts all four subgraphs and the gateway in this process, over real HTTP on loopback. */
export async function launch(options: LaunchOptions): Promise<Stack> {
  const started: Partial<Record<SubgraphName, RunningSubgraph>> = {};
  try {
    // Identity first: the others find it (and connections) through the configured URLs.
    for (const name of SUBGRAPH_NAMES) {
      started[name] = await startSubgraph(SUBGRAPHS[name], {
        port: options.fixedPorts ? configuredPort(name) : 0,
        runMigrations: options.runMigrations,
      });
      setConfig({ subgraphUrls: { ...config().subgraphUrls, [name]: started[name].url } });
    }
    const subgraphs = started as Record<SubgraphName, RunningSubgraph>;
    if (options.seedDemo) {
      for (const name of SUBGRAPH_NAMES) await DEMO_SEEDS[name]?.(subgraphs[name].dataSource);
    }
    const gateway = await startGateway({ supergraphSdl: options.supergraphSdl, port: options.port ?? 0 });
    return {
      gateway,
      subgraphs,
      stop: async () => {
        try {
          await gateway.stop();
        } finally {
          await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.stop()));
        }
      },
    };
  } catch (error) {
    await Promise.all(Object.values(started).map((subgraph) => subgraph?.stop()));
    throw error;
  }
}
