/** etcd's client and peer ports. */
export const CLIENT_PORT = 2379;
export const PEER_PORT = 2380;
/** Where each member keeps its data; inside the container, so a restarted member finds it again. */
export const DATA_DIR = '/var/lib/fencecheck-etcd';

/**
 * The command line of one member of a fresh cluster. Every setting is a flag (no config file, no
 * shell), so any image with `etcd` on its PATH can run it (`--image etcd=quay.io/coreos/etcd:v3.5.17`).
 * Peers are named by their container names, which the test network resolves: a member's address
 * is not known before its container starts, and a restarted member may come back on another one.
 */
export function etcdCommand(opts: { name: string; members: readonly string[]; clusterToken: string }): string[] {
  if (!opts.members.includes(opts.name)) throw new Error(`etcd member ${opts.name} is not in the cluster ${opts.members.join(',')}`);
  return [
    'etcd',
    '--name', opts.name,
    '--data-dir', DATA_DIR,
    '--listen-client-urls', `http://0.0.0.0:${CLIENT_PORT}`,
    '--advertise-client-urls', `http://${opts.name}:${CLIENT_PORT}`,
    '--listen-peer-urls', `http://0.0.0.0:${PEER_PORT}`,
    '--initial-advertise-peer-urls', `http://${opts.name}:${PEER_PORT}`,
    '--initial-cluster', opts.members.map((m) => `${m}=http://${m}:${PEER_PORT}`).join(','),
    '--initial-cluster-token', opts.clusterToken,
    '--initial-cluster-state', 'new',
  ];
}

/**
 * etcd leases are whole seconds, and the server silently raises any TTL below 1.5 election
 * timeouts (1.5 s with the default 1 s, so 2 s) to that minimum: a TTL that etcd would not honour
 * as given is refused, so the TTL in test.json is the one that was in force.
 */
export function leaseSeconds(ttlMs: number): number {
  if (!Number.isInteger(ttlMs) || ttlMs % 1000 !== 0) {
    throw new Error(`etcd leases are whole seconds: --ttl ${ttlMs} is not a multiple of 1000`);
  }
  if (ttlMs < 2000) throw new Error(`etcd raises any lease below 2 s to 2 s (1.5 election timeouts): use --ttl 2000 or more (got ${ttlMs})`);
  return ttlMs / 1000;
}
