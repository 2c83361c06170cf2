// Formats benchmark results as the Markdown table the README quotes: one row per server for each
// case, the atlas first, with every other server's ratio to the atlas.
import type { Measurement } from './measure.ts';

export interface Row {
  name: string;
  bytes: number;
  connections: number;
  /** The atlas first, then the peers, in the order measured. */
  servers: { name: string; m: Measurement }[];
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-GB');
/** autocannon records latency in whole milliseconds, so anything under one shows as "<1". */
const ms = (x: number) => (x < 1 ? '<1' : n0(x));
const size = (b: number) => (b >= 10_000 ? `${n0(b / 1000)} kB` : `${(b / 1000).toFixed(1)} kB`);
const ratio = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(2));

export function table(rows: Row[]): string {
  const head = '| endpoint | body | conns | server | req/s | p50 ms | p99 ms | CPU µs/req | atlas ÷ server, req/s | server ÷ atlas, CPU/req |\n|---|--:|--:|---|--:|--:|--:|--:|--:|--:|';
  const lines = rows.flatMap((r) => {
    const atlas = r.servers[0].m;
    return r.servers.map(({ name, m }, i) =>
      [
        i === 0 ? r.name : '',
        i === 0 ? size(r.bytes) : '',
        i === 0 ? String(r.connections) : '',
        name,
        n0(m.rps),
        ms(m.p50),
        ms(m.p99),
        Number.isFinite(m.cpuUs) ? n0(m.cpuUs) : '–',
        i === 0 ? '' : `${ratio(atlas.rps / m.rps)}×`,
        i === 0 || !Number.isFinite(m.cpuUs) ? '' : `${ratio(m.cpuUs / atlas.cpuUs)}×`,
      ].join(' | '),
    );
  });
  return [head, ...lines.map((l) => `| ${l} |`)].join('\n');
}
