/** ZooKeeper's client, quorum and election ports. */
export const CLIENT_PORT = 2181;
const QUORUM_PORT = 2888;
const ELECTION_PORT = 3888;
/** Where the deploy writes zoo.cfg and myid and ZooKeeper keeps its data; inside the container, so a restart keeps it. */
export const DATA_DIR = '/data';
/** ZooKeeper's tick: heartbeats, and the grain of session expiry. */
const TICK_MS = 500;

export interface ZooCfgOptions {
  /** The members' names (n1, n2, …), which the test network resolves; one name runs standalone. */
  members: readonly string[];
  ttlMs: number;
}

/** Why a TTL cannot be a session timeout of this ensemble, or null. */
export function sessionTtlProblem(ttlMs: number): string | null {
  return ttlMs < 2 * TICK_MS ? `ZooKeeper sessions last at least two ticks (${2 * TICK_MS} ms): use --ttl ${2 * TICK_MS} or more (got ${ttlMs})` : null;
}

/**
 * The ensemble's zoo.cfg. The session timeout bounds let a client's requested timeout (the TTL)
 * stand as asked; `srvr` is whitelisted so the backend can ask who leads. Peers are named by
 * container name: an address is not known before a container starts, and may change on restart.
 */
export function zooCfg(opts: ZooCfgOptions): string {
  const problem = sessionTtlProblem(opts.ttlMs);
  if (problem) throw new Error(problem);
  const lines = [
    `tickTime=${TICK_MS}`,
    'initLimit=20',
    'syncLimit=4',
    `dataDir=${DATA_DIR}`,
    `clientPort=${CLIENT_PORT}`,
    `minSessionTimeout=${2 * TICK_MS}`,
    `maxSessionTimeout=${Math.max(120_000, opts.ttlMs)}`,
    '4lw.commands.whitelist=srvr,ruok',
    'admin.enableServer=false',
    // Bind the quorum and election ports on every interface, not only on the address the node's
    // own name resolved to when it started.
    'quorumListenOnAllIPs=true',
  ];
  if (opts.members.length > 1) {
    opts.members.forEach((name, i) => lines.push(`server.${i + 1}=${name}:${QUORUM_PORT}:${ELECTION_PORT}`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The member's command: write zoo.cfg and myid, then exec the server so it becomes the
 * container's main process (signals reach the JVM). An image with `zkServer.sh` on its PATH (the
 * Apache images) starts through it; otherwise Debian's layout (/usr/share/java, /etc/zookeeper/conf).
 */
export function zooCommand(members: readonly string[]): string[] {
  // Debian's own class path (zookeeper.jar names its dependencies in its manifest): all of
  // /usr/share/java would bring five SLF4J bindings, and the no-op one wins, leaving no log at all.
  const debian = 'java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dzookeeper.root.logger=INFO,CONSOLE -cp /etc/zookeeper/conf:/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar '
    + 'org.apache.zookeeper.server.quorum.QuorumPeerMain';
  // ZooKeeper resolves its peers' names once at start, and a name that did not resolve yet (its
  // container not created) keeps the member from following the leader for seconds: wait for every
  // name first (at most 30 s; then start anyway and let the readiness wait report it).
  const names = members.filter((m) => /^[a-z0-9-]+$/.test(m)).join(' ');
  return ['sh', '-c', [
    `for h in ${names}; do i=0; while ! getent hosts "$h" >/dev/null 2>&1 && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; done`,
    `mkdir -p ${DATA_DIR}`,
    `printf '%s' "$FENCECHECK_ZOO_CFG" > ${DATA_DIR}/zoo.cfg`,
    `printf '%s\\n' "$FENCECHECK_ZOO_MYID" > ${DATA_DIR}/myid`,
    `if command -v zkServer.sh >/dev/null 2>&1; then exec zkServer.sh start-foreground ${DATA_DIR}/zoo.cfg; fi`,
    `exec ${debian} ${DATA_DIR}/zoo.cfg`,
  ].join(' && ')];
}
