import { Etcd3 } from 'etcd3';
import { noop } from 'cockatiel';
import { CLIENT_PORT } from './etcd-flags.js';

/** One member's answer to a maintenance status request. */
export interface MemberStatus {
  /** The node that answered. */
  node: string;
  memberId: string;
  /** The member it believes leads ("0" when it knows none). */
  leaderId: string;
  raftTerm: bigint;
}

/**
 * Asks one member for its status, without retries (a fault is aimed at the answer of that
 * moment). Rejects when the member does not answer within the time.
 */
export async function memberStatus(node: { name: string; host: string }, timeoutMs: number): Promise<MemberStatus> {
  const client = new Etcd3({
    hosts: `http://${node.host}:${CLIENT_PORT}`,
    dialTimeout: timeoutMs,
    defaultCallOptions: () => ({ deadline: Date.now() + timeoutMs }),
    faultHandling: { host: () => noop, global: noop },
  });
  try {
    const status = await client.maintenance.status();
    return { node: node.name, memberId: status.header.member_id, leaderId: status.leader, raftTerm: BigInt(status.raftTerm) };
  } finally {
    client.close();
  }
}

/** Member ids by name, from any member that answers. */
export async function memberNames(nodes: readonly { name: string; host: string }[], timeoutMs: number): Promise<Map<string, string>> {
  const client = new Etcd3({
    hosts: nodes.map((n) => `http://${n.host}:${CLIENT_PORT}`),
    dialTimeout: timeoutMs,
    defaultCallOptions: () => ({ deadline: Date.now() + timeoutMs }),
  });
  try {
    const { members } = await client.cluster.memberList({});
    return new Map(members.map((m) => [m.ID, m.name]));
  } finally {
    client.close();
  }
}

/**
 * The leader as the members see it now: the leader named in the answers of the highest raft term
 * (a deposed leader cut off from the rest still names itself in an older term). Null when no
 * member that answered knows one.
 */
export function leaderOf(answers: readonly MemberStatus[], namesById: ReadonlyMap<string, string>): string | null {
  let best: MemberStatus | null = null;
  for (const a of answers) {
    if (a.leaderId === '0') continue;
    if (!best || a.raftTerm > best.raftTerm) best = a;
  }
  if (!best) return null;
  return namesById.get(best.leaderId) ?? null;
}
