import type { Cluster } from '../docker/cluster.js';
import type { StartedContainer } from '../docker/container.js';

/**
 * A lock service as the harness deploys it: one folder under backends/ (this deploy side, its
 * client recipes in `client.ts`, its images under `images/`), registered by one line in
 * backends/registry.ts. Adding a backend edits nothing else.
 */
export interface Backend {
  readonly name: string;
  /** One line for `fencecheck list` and test.json. */
  readonly description: string;
  /** Image folder names under backends/<name>/images/ that its nodes run (the client image is the harness's). */
  readonly images: readonly string[];
  readonly defaultNodes: number;
  /** `--ttl` when none is given, where the harness's 1000 ms would not run (etcd's leases start at 2 s). */
  readonly defaultTtlMs?: number;
  /** The node counts it can run; `--nodes` outside them is refused up front with this list. */
  readonly nodeCounts: readonly number[];
  /** Its client recipes; the first is the default of `--recipe`. */
  readonly recipes: readonly Recipe[];
  /** Flags of its own (`--redis-wait`, `--pooler`, …): declared here, parsed by the CLI, recorded in test.json. */
  readonly options: readonly BackendOption[];
  /**
   * Why a fault kind (`pause`, `kill`, `partition`, `clock-bump`, …) cannot act on this backend's
   * nodes, or null when it can. `fencecheck test` refuses a fault with a reason up front (exit 254).
   */
  faultNotApplicable(kind: string): string | null;
  /**
   * Why the test's settings cannot run on this backend (a TTL the service would not honour as
   * given, an option out of range, …), or null. Asked before anything starts, so a refusal exits
   * 254 with nothing created; deploy and the client may then trust them.
   */
  settingsProblem?(settings: BackendSettings): string | null;
  /** Starts the nodes in the cluster and resolves once the service serves; the cluster disposes of them. */
  deploy(opts: DeployOptions): Promise<DeployedBackend>;
}

/** What a test asks of a backend, its own options (by name, defaults filled in) included. */
export interface BackendSettings { ttlMs: number; nodes: number; recipe: string; options: Record<string, unknown> }

/** The message of what `read` throws, or null: a backend's option readers become its settingsProblem. */
export function problemOf(read: () => unknown): string | null {
  try {
    read();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** How clients use the service. `token` says what the fencing token is, or null when the recipe has none. */
export interface Recipe {
  readonly name: string;
  readonly description: string;
  readonly token: string | null;
}

export interface BackendOption {
  /** The flag without dashes, e.g. `redis-wait`. */
  readonly name: string;
  readonly type: 'number' | 'string' | 'boolean';
  readonly describe: string;
  readonly default?: number | string | boolean;
  readonly choices?: readonly string[];
}

export interface DeployOptions {
  cluster: Cluster;
  /** Image tags by image name (the user's `--image NAME=TAG` already applied). */
  images: Record<string, string>;
  nodes: number;
  ttlMs: number;
  recipe: string;
  /** This backend's own options, by name, with defaults filled in. */
  options: Record<string, unknown>;
  timeoutMs: number;
  onProgress(line: string): void;
}

/** A lock node as clients reach it (sent to each client process in its config). */
export interface NodeAddress { name: string; host: string; port: number }

/** One container of the service, with the role it plays at deploy time. */
export interface BackendNode {
  readonly name: string;
  readonly container: StartedContainer;
  /** `node` for a plain member; `sentinel`, `pooler`, … for helpers that faults on `node` skip. */
  readonly kind: 'node' | 'helper';
}

/** A deployed service: what clients connect to and what faults may aim at. */
export interface DeployedBackend {
  readonly nodes: readonly BackendNode[];
  /** What every client process gets as `config.nodes`. */
  readonly addresses: readonly NodeAddress[];
  /**
   * The name of the node that leads now (etcd leader, ZooKeeper leader, Redis primary), asked of
   * the service at the moment of the call; null when none can be named (no quorum, mid fail-over).
   * A backend without a leader (single redis) names its only node.
   */
  leader(): Promise<string | null>;
  /** Starts a killed node again with the same data; resolves once it serves. */
  restart(name: string): Promise<void>;
}
