// Every read-only answer of the atlas, digested and compared with the committed digests in
// tests/fixtures/golden/answer-digests.json: a restructuring must leave each answer byte-identical.
// A change meant to alter answers rewrites the file with UPDATE_GOLDEN=1; its diff then names
// exactly which URLs changed, for the reviewer to check against the change's purpose.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ANALYSIS_IDS } from '../../server/http/controllers/analysis.ts';
import { buildTag } from '../../server/http/build-tag.ts';
import type { LayerId } from '../../server/registry/layers.ts';
import { rawGet, useListeningAtlas } from '../support/atlas-app.ts';
import { PROJECT_ROOT } from '../../server/config/config.ts';

const GOLDEN = join(PROJECT_ROOT, 'tests/fixtures/golden/answer-digests.json');
// Headers that carry meaning for clients; ETag and Date are left out (the ETag hashes the build tag,
// which covers the server's code and so changes with any edit, however neutral).
const KEPT_HEADERS = ['content-type', 'cache-control', 'content-disposition', 'link', 'vary', 'allow', 'content-language'];

function surface(atlas: ReturnType<typeof useListeningAtlas>['atlas']): string[] {
  const layers: LayerId[] = ['parishes', 'wards', 'wards-2013', 'lsoas'];
  // Every 7th area of each layer: enough to cover each kind of answer without thousands of requests.
  const codes = layers.flatMap((layer) => atlas.store.areas(layer).filter((_a, i) => i % 7 === 0).map((a) => a.code));
  const tiles = atlas.store.tiles();
  const tileUrls = (['parishes', 'wards', 'wards-2013', 'lsoas', 'districts'] as const).flatMap((id) =>
    tiles.addresses(id).filter((_t, i) => i % 5 === 0).map((t) => `/api/tiles/${id}/${t.z}/${t.x}/${t.y}.mvt`),
  );
  return [
    '/api/layers', '/api/services', '/api/sources', '/api/reconciliation', '/api/config', '/api/openapi.json', '/api/analysis',
    '/api/districts.geojson', '/api/layers/lsoas/places', '/api/registers', '/api/groups.geojson',
    '/api/search?q=Wigston', '/api/search?q=Market%20Bosworth', '/api/search?q=zz',
    '/api/parishes/services?name=Shepshed', '/api/lookup?lon=-1.1353&lat=52.7721', '/api/postcodes/LE11%203TU',
    '/api/coverage?layer=parishes', '/api/coverage?layer=lsoas&service=nw',
    ...layers.flatMap((l) => [`/api/layers/${l}.geojson`, `/api/layers/${l}.csv`, `/api/layers/${l}/summary`, `/api/tiles/${l}.json`]),
    '/api/layers/lsoas.geojson?imd_decile_max=2', '/api/layers/parishes.csv?category=laa_target',
    ...ANALYSIS_IDS.map((a) => `/api/analysis/${a}`),
    ...codes.flatMap((c) => [`/api/areas/${c}`, `/api/areas/${c}/services`]),
    ...tileUrls,
    '/ogc', '/ogc/conformance', '/ogc/api', '/ogc/collections',
    ...layers.flatMap((l) => [`/ogc/collections/${l}`, `/ogc/collections/${l}/queryables`, `/ogc/collections/${l}/schema`, `/ogc/collections/${l}/items`, `/ogc/collections/${l}/items?limit=10&offset=20`]),
    '/ogc/collections/parishes/items?f=html', `/ogc/collections/parishes/items/${atlas.store.areas('parishes')[3].code}`,
    '/api/areas/E04999999', '/api/layers/nowhere.geojson', '/api/search?q=', '/ogc/collections/parishes/items?limit=abc',
  ];
}

const server = useListeningAtlas();

it('answers every read-only URL byte-identically to the committed digests', { timeout: 600_000 }, async () => {
  const tag = buildTag(server.atlas.store);
  // Absolute links name the test server's ephemeral port; time stamps name the moment of asking; the
  // inputs hash covers the build's code files, so it changes when they move.
  const origin = server.server.url.replace('http://', '');
  const neutral = (text: string) => text.replaceAll(tag, '{build}').replaceAll(server.atlas.store.inputsHash, '{inputs}').replaceAll(origin, '{origin}').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '{time}');
  const digests: Record<string, string> = {};
  for (const url of surface(server.atlas)) {
    const res = await rawGet(`${server.server.url}${url}`);
    const hash = createHash('sha256').update(String(res.status));
    for (const h of KEPT_HEADERS) hash.update(`\n${h}: ${neutral(String(res.headers[h] ?? ''))}`);
    hash.update('\n\n').update(neutral(res.body.toString('latin1')));
    digests[url] = `${res.status} ${hash.digest('hex').slice(0, 20)}`;
  }
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(digests, null, 1)}\n`);
  expect(existsSync(GOLDEN), 'the committed digests (write them with UPDATE_GOLDEN=1)').toBe(true);
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string>;
  const changed = Object.keys({ ...golden, ...digests }).filter((u) => golden[u] !== digests[u]);
  expect(changed, 'answers that differ from tests/fixtures/golden/answer-digests.json').toEqual([]);
  expect(Object.keys(digests).length).toBeGreaterThan(350);
});
