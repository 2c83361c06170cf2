// Paging of the /api lists (layer GeoJSON, layer CSV, the register list) over real HTTP: the pages
// put together are the whole list, the next link (body and Link header) leads on, a limit above the
// maximum is clamped and says so, an offset past the end is an empty page, bad values are 400s
// naming the parameter, and without paging parameters the answer is the whole list as before.
import { describe, expect, it } from 'vitest';
import { LIST_PAGE_MAX } from '../../server/config/limits.ts';
import { useListeningAtlas } from '../support/atlas-app.ts';

const t = useListeningAtlas();
const get = (path: string) => fetch(t.server.url + path);
const nextOf = (res: Response) => /^<([^>]+)>; rel="next"$/.exec(res.headers.get('link') ?? '')?.[1] ?? null;

type Collection = { number_matched: number; number_returned?: number; links?: { rel: string; href: string }[]; paging?: { total: number; limit: number; offset: number; next: string | null; note?: string }; features: { id?: string; properties: { code: string } }[] };

/** Follows next links from the first page to the last, checking that the body's next and the Link header agree. */
async function followGeojson(first: string) {
  const codes: string[] = [];
  let path: string | null = first;
  let pages = 0;
  while (path) {
    const res = await get(path);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Collection;
    codes.push(...body.features.map((f) => f.properties.code));
    const next = body.links?.find((l) => l.rel === 'next')?.href ?? null;
    expect(nextOf(res)).toBe(next);
    expect(body.paging?.next ?? null).toBe(next);
    expect(res.headers.get('x-total-count')).toBe(String(body.number_matched));
    path = next;
    pages++;
  }
  return { codes, pages };
}

describe('paging /api/layers/{layer}.geojson', () => {
  it('pages concatenate to the whole collection, each area once, in the same order', async () => {
    const whole = (await (await get('/api/layers/parishes.geojson')).json()) as Collection;
    const { codes, pages } = await followGeojson('/api/layers/parishes.geojson?limit=50');
    expect(codes).toEqual(whole.features.map((f) => f.properties.code));
    expect(pages).toBe(Math.ceil(whole.features.length / 50));
  });

  it('keeps the filters in the next link, and the filtered pages make the filtered whole', async () => {
    const whole = (await (await get('/api/layers/lsoas.geojson?imd_decile_max=3&geometry=none')).json()) as Collection;
    expect(whole.features.length).toBeGreaterThan(10);
    const { codes } = await followGeojson('/api/layers/lsoas.geojson?imd_decile_max=3&geometry=none&limit=7');
    expect(codes).toEqual(whole.features.map((f) => f.properties.code));
  });

  it('answers without paging parameters as before: no paging words, no Link', async () => {
    const res = await get('/api/layers/wards.geojson');
    const body = (await res.json()) as Collection;
    expect(res.headers.get('link')).toBeNull();
    expect(body.paging).toBeUndefined();
    expect(body.links).toBeUndefined();
    expect(body.features.length).toBe(body.number_matched);
  });

  it('clamps a limit above the maximum and says so', async () => {
    const res = await get(`/api/layers/lsoas.geojson?geometry=none&limit=${LIST_PAGE_MAX + 5000}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Collection;
    expect(body.paging?.limit).toBe(LIST_PAGE_MAX);
    expect(body.paging?.note).toMatch(new RegExp(`limit ${LIST_PAGE_MAX + 5000} is above the maximum of ${LIST_PAGE_MAX}`));
    expect(body.features.length).toBe(Math.min(LIST_PAGE_MAX, body.number_matched));
  });

  it('answers an offset past the end with an empty page and no next link', async () => {
    const res = await get('/api/layers/parishes.geojson?limit=10&offset=100000');
    const body = (await res.json()) as Collection;
    expect(body.features).toEqual([]);
    expect(body.number_returned).toBe(0);
    expect(body.number_matched).toBeGreaterThan(200);
    expect(nextOf(res)).toBeNull();
  });
});

describe('paging /api/layers/{layer}.csv', () => {
  it('pages (by Link header) concatenate to the whole CSV, with the header row on every page', async () => {
    const whole = (await (await get('/api/layers/parishes.csv')).text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const rows: string[] = [];
    let path: string | null = '/api/layers/parishes.csv?limit=60';
    let header = '';
    while (path) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-total-count')).toBe(String(whole.length - 1));
      const lines = (await res.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      header = lines[0];
      rows.push(...lines.slice(1));
      path = nextOf(res);
    }
    expect(header).toBe(whole[0]);
    expect(rows).toEqual(whole.slice(1));
  });

  it('says in a header that a limit was clamped', async () => {
    const res = await get(`/api/layers/parishes.csv?limit=${LIST_PAGE_MAX * 3}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-limit-clamped')).toBe(String(LIST_PAGE_MAX));
  });
});

describe('paging /api/registers', () => {
  it('pages the register list to the whole, with a next link while registers remain', async () => {
    const whole = (await (await get('/api/registers')).json()) as { registers: { name: string }[]; paging?: unknown };
    expect(whole.paging).toBeUndefined();
    expect(whole.registers.length).toBeGreaterThan(1);
    const names: string[] = [];
    let path: string | null = '/api/registers?limit=1';
    while (path) {
      const res = await get(path);
      const body = (await res.json()) as { registers: { name: string }[]; paging: { total: number; next: string | null } };
      expect(body.paging.total).toBe(whole.registers.length);
      expect(nextOf(res)).toBe(body.paging.next);
      names.push(...body.registers.map((r) => r.name));
      path = body.paging.next;
    }
    expect(names).toEqual(whole.registers.map((r) => r.name));
    const past = (await (await get('/api/registers?limit=5&offset=999')).json()) as { registers: unknown[] };
    expect(past.registers).toEqual([]);
  });
});

describe('bad paging values', () => {
  it.each([
    ['/api/layers/parishes.geojson?limit=0', 'limit'],
    ['/api/layers/parishes.geojson?limit=ten', 'limit'],
    ['/api/layers/parishes.geojson?limit=10&offset=-1', 'offset'],
    ['/api/layers/parishes.csv?limit=1.5', 'limit'],
    ['/api/layers/parishes.csv?offset=x', 'offset'],
    ['/api/registers?limit=-3', 'limit'],
    ['/api/registers?offset=1e3', 'offset'],
  ])('%s is a 400 naming %s', async (path, name) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { detail: string; invalid_params?: { name: string }[] };
    expect(problem.invalid_params?.map((p) => p.name)).toContain(name);
    expect(problem.detail).toContain(name);
  });
});
