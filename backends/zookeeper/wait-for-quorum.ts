import type { StartedContainer } from '../../docker/container.js';
import { waitForPort } from '../../docker/wait.js';
import { pollUntil } from '../../lib/poll-until.js';
import { CLIENT_PORT } from './zoo-cfg.js';
import { fourLetterWord, leaderOf, parseSrvr, type SrvrAnswer } from './srvr.js';

const POLL_MS = 250;
const ASK_MS = 1000;

export interface ZooMember { name: string; container: StartedContainer }

/** What every member says to `srvr` now; a member that does not answer says `unknown`. */
export async function askMembers(members: readonly { name: string; host: string }[], timeoutMs = ASK_MS): Promise<SrvrAnswer[]> {
  return Promise.all(members.map((m) => fourLetterWord({ host: m.host, port: CLIENT_PORT, word: 'srvr', timeoutMs })
    .then((text) => parseSrvr(m.name, text), (): SrvrAnswer => ({ node: m.name, mode: 'unknown', zxid: 0n }))));
}

/**
 * Resolves once every given member serves as leader, follower or standalone, and, when they are
 * the whole ensemble, one of them leads. Times out naming each member's mode, with the log tail of
 * one that was not serving.
 */
export async function waitForQuorum(members: readonly ZooMember[], opts: { timeoutMs: number; wholeEnsemble: boolean }): Promise<void> {
  const { timeoutMs } = opts;
  const deadline = Date.now() + timeoutMs;
  for (const m of members) {
    await waitForPort({ host: m.container.ip, port: CLIENT_PORT, timeoutMs: Math.max(1, deadline - Date.now()), container: m.container });
  }
  const hosts = members.map((m) => ({ name: m.name, host: m.container.ip }));
  let answers: SrvrAnswer[] = [];
  await pollUntil({
    what: 'ZooKeeper to serve',
    timeoutMs: Math.max(1, deadline - Date.now()),
    intervalMs: POLL_MS,
    async attempt() {
      answers = await askMembers(hosts);
      return answers.every((a) => a.mode !== 'unknown') && (!opts.wholeEnsemble || leaderOf(answers) !== null);
    },
    async onTimeout() {
      const laggard = members.find((m) => answers.find((a) => a.node === m.name)?.mode === 'unknown') ?? members[0]!;
      const tail = (await laggard.container.logs().catch(() => '')).trimEnd().split('\n').slice(-15).join('\n');
      return new Error(`ZooKeeper did not serve within ${timeoutMs} ms (${answers.map((a) => `${a.node}: ${a.mode === 'unknown' ? 'not serving' : a.mode}`).join('; ')})`,
        { cause: new Error(`last log lines of ${laggard.name}:\n${tail}`) });
    },
  });
}
