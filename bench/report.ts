// Formats benchmark results as the Markdown table the README quotes.
import type { Measurement } from './measure.ts';

export interface Row {
  name: string;
  bytes: number;
  atlas: Measurement;
  reference: Measurement | null;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-GB');
/** autocannon records latency in whole milliseconds, so anything under one shows as "<1". */
const ms = (x: number) => (x < 1 ? '<1' : n0(x));
const size = (b: number) => (b >= 10_000 ? `${n0(b / 1000)} kB` : `${(b / 1000).toFixed(1)} kB`);

export function table(rows: Row[]): string {
  const head = '| endpoint | body | atlas req/s | p50 ms | p99 ms | reference req/s | p50 ms | p99 ms | atlas / reference |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|';
  const lines = rows.map((r) => {
    const ref = r.reference;
    return `| ${r.name} | ${size(r.bytes)} | ${n0(r.atlas.rps)} | ${ms(r.atlas.p50)} | ${ms(r.atlas.p99)} | ${ref ? n0(ref.rps) : '–'} | ${ref ? ms(ref.p50) : '–'} | ${ref ? ms(ref.p99) : '–'} | ${ref ? `${Math.round((r.atlas.rps / ref.rps) * 100)}%` : '–'} |`;
  });
  return [head, ...lines].join('\n');
}
