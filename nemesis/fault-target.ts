/**
 * A container a fault can act on: a lock node or a client process. Faults see the test only
 * through this and FaultContext (they import nothing from harness/).
 */
export interface FaultTarget {
  /** The container's name, as history ops and nemesis ops name it. */
  readonly name: string;
  /** `helper`: a container that serves the lock service without being a member of it (a sentinel, a pooler). */
  readonly kind: 'node' | 'helper' | 'client';
  /** Its address on the test network. */
  readonly ip: string;
  /** Signals the container's main process (the lock server, or the client process). */
  signal(sig: 'SIGSTOP' | 'SIGCONT' | 'SIGKILL'): Promise<void>;
  /** Runs a command inside the container, as root with NET_ADMIN; never throws for a non-zero exit. */
  exec(cmd: readonly string[]): Promise<{ exitCode: number; output: string }>;
  /**
   * After a SIGKILL: a node starts again with the same data and resolves once it serves; a client
   * is not restarted (its op ends `info`, the harness retires it and spawns a successor).
   */
  restart(): Promise<void>;
}

/** The running test as faults see it when they pick targets. Lists are read at call time. */
export interface FaultContext {
  /** The lock service's nodes (helpers such as sentinels and poolers excluded). */
  nodes(): readonly FaultTarget[];
  /**
   * The service's helpers (sentinels, poolers): no fault aims at them, but a partition puts them
   * on a side, so that a split cuts them off as a real one would. Absent: the service has none.
   */
  helpers?(): readonly FaultTarget[];
  /** The node that leads now, asked of the service; null when none can be named. */
  leader(): Promise<FaultTarget | null>;
  /** Every live client. */
  clients(): readonly FaultTarget[];
  /**
   * Calls `listener` with every client that starts from now on (the successor of a retired
   * client), and waits for it before the client's first operation, so an active fault can act on
   * it too. Returns the unsubscribe. A listener that throws fails the client's start. Absent: no
   * client starts after the faults do (a fixed set of targets, as in tests of one fault).
   */
  onClientStart?(listener: (client: FaultTarget) => Promise<void>): () => void;
  /** Clients that hold the lock now, those between their read and their write first. */
  holders(): readonly FaultTarget[];
  /** Addresses every target must keep reaching whatever the partition (the fenced register). */
  readonly protectedIps: readonly string[];
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  readonly settings: FaultSettings;
}

export interface FaultSettings {
  ttlMs: number;
  /** How long a fault lasts before it is healed. */
  durationMs: number;
  /** The clock jump of clock-bump and the amplitude of clock-strobe; negative allowed. */
  clockOffsetMs: number;
  delayMs: number;
  lossPercent: number;
}
