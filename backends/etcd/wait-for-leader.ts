import type { StartedContainer } from '../../docker/container.js';
import { waitForPort } from '../../docker/wait.js';
import { pollUntil } from '../../lib/poll-until.js';
import { CLIENT_PORT } from './etcd-flags.js';
import { leaderOf, memberNames, memberStatus, type MemberStatus } from './etcd-status.js';

const POLL_MS = 200;
const ASK_MS = 1000;

export interface EtcdMember { name: string; container: StartedContainer }

/**
 * Resolves once every given member listens and all of them name the same leader, with the names
 * of the cluster's members by id. Times out with what each member last said and the log tail of one that did
 * not agree, so a failed start says why.
 */
export async function waitForLeader(members: readonly EtcdMember[], timeoutMs: number): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (const m of members) {
    await waitForPort({ host: m.container.ip, port: CLIENT_PORT, timeoutMs: Math.max(1, deadline - Date.now()), container: m.container });
  }
  const nodes = members.map((m) => ({ name: m.name, host: m.container.ip }));
  let said = new Map<string, string>();
  return pollUntil({
    what: 'an etcd leader all members agree on',
    timeoutMs: Math.max(1, deadline - Date.now()),
    intervalMs: POLL_MS,
    async attempt() {
      const answers = await Promise.all(nodes.map((n) => memberStatus(n, ASK_MS).catch((err: unknown) => err as Error)));
      said = new Map(answers.map((a, i) => [nodes[i]!.name, describe(a)]));
      const statuses = answers.filter((a): a is MemberStatus => !(a instanceof Error));
      if (statuses.length !== nodes.length || !statuses.every((s) => s.leaderId !== '0' && s.leaderId === statuses[0]!.leaderId)) return null;
      const names = await memberNames(nodes, ASK_MS).catch(() => null);
      return names && leaderOf(statuses, names) !== null ? names : null;
    },
    async onTimeout() {
      const laggard = members.find((m) => !/^leader /.test(said.get(m.name) ?? '')) ?? members[0]!;
      const tail = (await laggard.container.logs().catch(() => '')).trimEnd().split('\n').slice(-15).join('\n');
      return new Error(`etcd did not elect a leader all members agree on within ${timeoutMs} ms (`
        + `${[...said].map(([n, s]) => `${n}: ${s}`).join('; ')})`, { cause: new Error(`last log lines of ${laggard.name}:\n${tail}`) });
    },
  });
}

function describe(answer: MemberStatus | Error): string {
  if (answer instanceof Error) return `no answer (${answer.message.split('\n')[0]})`;
  return answer.leaderId === '0' ? 'no leader' : `leader ${answer.leaderId} in term ${answer.raftTerm}`;
}
