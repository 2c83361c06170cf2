// Runs autocannon against a server for one case and reduces several short runs to medians.
// Runs of the atlas and the reference alternate, so drift on a noisy machine hits both alike.
import autocannon from 'autocannon';
import type { BenchCase } from './section.ts';

export interface RunSettings {
  runs: number;
  seconds: number;
  connections: number;
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function once(url: string, c: BenchCase, seconds: number, connections: number): Promise<Measurement> {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: c.paths.map((path) => ({ method: 'GET', path, headers: c.headers ?? {} })),
  });
  if (r.errors || r.timeouts || r.non2xx) throw new Error(`${c.name} against ${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses`);
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99 };
}

const reduce = (ms: Measurement[]): Measurement => ({ rps: median(ms.map((m) => m.rps)), p50: median(ms.map((m) => m.p50)), p99: median(ms.map((m) => m.p99)) });

/** A one-second warm-up of each server, then `runs` alternating measured runs. */
export async function compare(c: BenchCase, atlasUrl: string, referenceUrl: string | null, s: RunSettings) {
  await once(atlasUrl, c, 1, s.connections);
  if (referenceUrl) await once(referenceUrl, c, 1, s.connections);
  const atlas: Measurement[] = [];
  const reference: Measurement[] = [];
  for (let i = 0; i < s.runs; i++) {
    atlas.push(await once(atlasUrl, c, s.seconds, s.connections));
    if (referenceUrl) reference.push(await once(referenceUrl, c, s.seconds, s.connections));
  }
  return { atlas: reduce(atlas), reference: referenceUrl ? reduce(reference) : null };
}
