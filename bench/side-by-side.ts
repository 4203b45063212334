import { spawnSync } from 'node:child_process';
import { median } from './median.js';

// Times two commands as whole processes, in turn (A B A B ...), so that a machine whose speed
// drifts slows both alike; prints the medians of wall, CPU (user + sys) and peak RSS, and the
// median of the ratios A/B pair by pair. Each run goes through /usr/bin/time (GNU time).
// Usage: npm run build && node dist/bench/side-by-side.js [--runs N] 'COMMAND A' 'COMMAND B'
// e.g.   node dist/bench/side-by-side.js 'node bin/fencecheck.js check test/data/porcupine/jepsen/etcd_002.log' '/tmp/porcdrv/porcdrv check test/data/porcupine/jepsen/etcd_002.log'

interface Run { wall: number; cpu: number; rssMb: number }

function once(command: string): Run {
  const words = command.split(/\s+/).filter((w) => w.length > 0);
  const r = spawnSync('/usr/bin/time', ['-f', 'SIDE-BY-SIDE %e %U %S %M', ...words], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`cannot run /usr/bin/time ${command} (${r.error.message}): install GNU time`, { cause: r.error });
  const line = r.stderr.split('\n').reverse().find((l) => l.startsWith('SIDE-BY-SIDE '));
  if (!line) throw new Error(`${command} printed no timing (exit ${String(r.status)}): ${r.stderr.trim().split('\n').at(-1) ?? ''}`);
  const [wall, user, sys, rssKb] = line.split(' ').slice(1).map(Number) as [number, number, number, number];
  return { wall, cpu: user + sys, rssMb: rssKb / 1024 };
}

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 11;
const [a, b] = args;
if (!a || !b || !(runs >= 1)) throw new Error("usage: node dist/bench/side-by-side.js [--runs N] 'COMMAND A' 'COMMAND B'");
once(a);
once(b);
const as: Run[] = [];
const bs: Run[] = [];
for (let i = 0; i < runs; i++) {
  as.push(once(a));
  bs.push(once(b));
}
const row = (name: string, rs: Run[]): string =>
  `${name}  wall ${median(rs.map((r) => r.wall)).toFixed(3)} s  cpu ${median(rs.map((r) => r.cpu)).toFixed(3)} s  peak RSS ${median(rs.map((r) => r.rssMb)).toFixed(1)} MB`;
const ratio = (f: (r: Run) => number): string => median(as.map((r, i) => f(r) / Math.max(f(bs[i] as Run), 1e-3))).toFixed(2);
console.log(`${runs} runs each, after one warm-up, A B A B`);
console.log(row('A', as));
console.log(row('B', bs));
console.log(`A/B  wall ${ratio((r) => r.wall)}  cpu ${ratio((r) => r.cpu)}  (medians of the pairwise ratios)`);
