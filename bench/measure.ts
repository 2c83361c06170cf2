// Runs autocannon against each server for one case and reduces several short runs to medians.
// Runs of the servers alternate, so drift on a noisy machine hits all alike. Each run also reads the
// CPU time the server's processes (and their children) used from /proc, as CPU per request: the
// machine's noise moves it much less than requests per second.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { BenchCase } from './section.ts';

export interface RunSettings {
  runs: number;
  seconds: number;
  connections: number;
}

export interface Target {
  name: string;
  url: string;
  /** The processes serving it; their descendants are counted too (nginx workers, PostgreSQL backends). */
  pids: number[];
  /** The peer's own path for each benchmarked path, where its URLs differ from the atlas's (MapServer). */
  path?: (atlasPath: string) => string;
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  /** CPU microseconds per request, all of the server's processes together; NaN where /proc is unreadable. */
  cpuUs: number;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

function descendants(pid: number): number[] {
  let tasks: string[] = [];
  try {
    tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return [pid];
  }
  return [pid, ...tasks.flatMap((t) => descendants(Number(t)))];
}

/** utime + stime of the processes and all their descendants, in seconds. */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids.flatMap(descendants)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // a backend that has just exited
    }
  }
  return ticks / TICKS_PER_SECOND;
}

async function once(target: Target, c: BenchCase, seconds: number, connections: number): Promise<Measurement> {
  const cpuBefore = cpuSeconds(target.pids);
  const r = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    requests: c.paths.map((path) => ({ method: 'GET', path: target.path ? target.path(path) : path, headers: c.headers ?? {} })),
  });
  const cpu = cpuSeconds(target.pids) - cpuBefore;
  if (r.errors || r.timeouts || r.non2xx) throw new Error(`${c.name} against ${target.name} (${target.url}): ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses`);
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, cpuUs: r.requests.total ? (cpu / r.requests.total) * 1e6 : NaN };
}

const reduce = (ms: Measurement[]): Measurement => ({ rps: median(ms.map((m) => m.rps)), p50: median(ms.map((m) => m.p50)), p99: median(ms.map((m) => m.p99)), cpuUs: median(ms.map((m) => m.cpuUs)) });

/** A one-second warm-up of each server, then `runs` rounds in which each server is measured in turn. */
export async function compare(c: BenchCase, targets: Target[], s: RunSettings, connections = s.connections): Promise<Measurement[]> {
  for (const t of targets) await once(t, c, 1, connections);
  const runs: Measurement[][] = targets.map(() => []);
  for (let i = 0; i < s.runs; i++) for (const [k, t] of targets.entries()) runs[k].push(await once(t, c, s.seconds, connections));
  return runs.map(reduce);
}
