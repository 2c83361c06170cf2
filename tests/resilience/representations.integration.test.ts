// Variant floods against the real app over HTTP: every ordering of a set-valued parameter shares one
// cache entry and one ETag, the caches stay inside their byte budgets, and a flood of new variants
// waits for build slots instead of starving requests for representations already cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_NAMES } from '../../server/http/presenters/area-fields.ts';
import { RepresentationCache } from '../../server/http/representation-cache.ts';
import { WorkBusy, WorkLimiter } from '../../server/cache/work-limiter.ts';
import { represent } from '../../server/http/representation.ts';
import { listen, openAtlas, rawGet, type Listening, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
let server: Listening;
let registers: string[];
beforeAll(async () => {
  atlas = openAtlas();
  server = await listen(atlas.app);
  registers = atlas.ctx.groups.registers().map((r) => r.name);
});
afterAll(async () => {
  await server.close();
  atlas.close();
});

const get = (path: string, headers: Record<string, string> = {}) => rawGet(`${server.url}${path}`, headers);

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('canonical set-valued parameters', () => {
  it('every ordering (and repetition) of registers= and properties= gives one ETag and one cache entry', async () => {
    expect(registers.length).toBeGreaterThanOrEqual(2);
    const props = FIELD_NAMES.slice(0, 3);
    const before = atlas.ctx.cache.size;
    const etags = new Set<string>();
    for (const order of permutations(props)) {
      for (const regs of [registers, [...registers].reverse(), [...registers, registers[0]]]) {
        const res = await get(`/api/layers/wards.geojson?registers=${regs.join(',')}&properties=${order.join(',')}`);
        expect(res.status).toBe(200);
        etags.add(String(res.headers.etag));
      }
    }
    expect(etags.size).toBe(1);
    expect(atlas.ctx.cache.size - before).toBe(1);
  });

  it('precision 6 and 7 are one representation (coordinates are stored with 6 decimals)', async () => {
    const six = await get('/api/layers/wards.geojson?precision=6');
    const before = atlas.ctx.cache.size;
    const seven = await get('/api/layers/wards.geojson?precision=7');
    expect(seven.headers.etag).toBe(six.headers.etag);
    expect(atlas.ctx.cache.size).toBe(before); // served from the same entry, not built again
  });

  it('districts named or coded in any order are one representation', async () => {
    const a = await get('/api/layers/parishes.csv?district=harborough,E07000129');
    const before = atlas.ctx.cache.size;
    const b = await get('/api/layers/parishes.csv?district=Blaby,E07000131,harborough');
    expect(a.status).toBe(200);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(atlas.ctx.cache.size).toBe(before);
  });
});

describe('bounded caches', () => {
  it('hold at most their byte budget, evicting the least recently used', async () => {
    const cache = new RepresentationCache({ maxBytes: 10_000 });
    for (let i = 0; i < 50; i++) await cache.get(`k${i}`, () => represent('x'.repeat(1000) + i, 'text/plain'));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeLessThanOrEqual(10);
    const kept = cache.get('k49', () => represent('rebuilt', 'text/plain'));
    expect((kept as ReturnType<typeof represent>).body.toString()).toBe('x'.repeat(1000) + 49); // a hit is synchronous
  });

  it('keep the server inside its budget under 60 new variants of a large layer', async () => {
    const small = openAtlas();
    const budget = 4 * 1024 * 1024;
    small.ctx.cache = new RepresentationCache({ maxBytes: budget });
    const s = await listen(small.app);
    try {
      for (let precision = 1; precision <= 6; precision++)
        for (const props of FIELD_NAMES.slice(0, 10)) {
          const res = await rawGet(`${s.url}/api/layers/lsoas.geojson?precision=${precision}&properties=${props}`, { 'Accept-Encoding': 'br' });
          expect(res.status).toBe(200);
        }
      expect(small.ctx.cache.bytes).toBeLessThanOrEqual(budget);
    } finally {
      await s.close();
      small.close();
    }
  }, 120_000);
});

describe('a flood of new variants', () => {
  it('is built a few at a time, all answered, while a cached representation is served at once', async () => {
    await get('/api/layers/parishes.geojson', { 'Accept-Encoding': 'br' }); // cached before the flood
    let built = 0;
    const flood = Array.from({ length: 24 }, (_, i) =>
      get(`/api/layers/lsoas.geojson?precision=${1 + (i % 6)}&properties=${FIELD_NAMES[i % FIELD_NAMES.length]}`, { 'Accept-Encoding': 'br' }).then((r) => {
        built++;
        return r;
      }),
    );
    await new Promise((r) => setTimeout(r, 20));
    const cached = await get('/api/layers/parishes.geojson', { 'Accept-Encoding': 'br' });
    expect(cached.status).toBe(200);
    expect(built).toBeLessThan(24); // the cached answer did not wait for the whole flood
    const answers = await Promise.all(flood);
    expect(answers.map((a) => a.status).filter((s) => s >= 500 && s !== 503)).toEqual([]);
  }, 120_000);

  it('beyond the queue limit is turned away with a 503, never run all at once', async () => {
    const limiter = new WorkLimiter(2, 3);
    let running = 0;
    let most = 0;
    const work = () =>
      limiter.run(async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
      });
    const results = await Promise.allSettled(Array.from({ length: 8 }, work));
    expect(most).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(5);
    // WorkBusy is what the problem renderer answers 503 with Retry-After (tests/resilience/write-limits).
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof WorkBusy)).toBe(true);
  });
});
