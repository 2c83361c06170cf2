// The /api OpenAPI 3.1 document: valid (swagger-parser), complete (every route Express has is in it, and
// nothing else), true (every documented GET answers under /api/v1 with the example values, and an
// unknown parameter is the 400 it documents), and the API's names are snake_case throughout.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { Router } from 'express';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_IDS } from '../../server/http/controllers/analysis.ts';
import { apiRoutes } from '../../server/http/routes.ts';
import { routerOf } from '../../server/http/route-table.ts';
import { useAtlas } from '../support/atlas-app.ts';

const t = useAtlas();
const get = (path: string) => t.get(path);

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every method and path the routers answer, as OpenAPI path templates (`:code` → `{code}`). */
function routesOf(router: Router): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      // `_all` is Express's catch-all (the 405 answers), not an operation.
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return out;
}

/** Example queries for the operations that need one (a required parameter, or one of several). */
const EXAMPLE_QUERY: Record<string, Record<string, string>> = { '/lookup': { postcode: 'LE17 4QB' }, '/search': { q: 'Ibstock' }, '/parishes/services': { name: 'Ibstock' } };
const EXAMPLE: Record<string, string> = { layer: 'parishes', code: 'E04005528', name: 'libraries', postcode: 'LE174QB', z: '8', x: '127', y: '84' };

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = (await get('/api/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('documents exactly the routes the server has', async () => {
    const doc = (await get('/api/openapi.json').expect(200)).body;
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)).sort();
    const ctx = t.atlas.ctx;
    const served = routesOf(routerOf(apiRoutes(ctx)))
      .filter((r) => !r.startsWith('head ') && !r.startsWith('_all '))
      // One route answers every analysis; the document gives each its own path, with its own parameters.
      .flatMap((r) => (r === 'get /analysis/{name}' ? ANALYSIS_IDS.map((id) => `get /analysis/${id}`) : [r]));
    expect(documented).toEqual([...new Set(served)].sort());
  });

  it('answers every documented GET under /api/v1, and names an unknown parameter in a 400 as it documents', async () => {
    const doc = (await get('/api/openapi.json').expect(200)).body;
    expect(doc.servers[0].url).toBe('/api/v1');
    for (const [template, ops] of Object.entries(doc.paths as Record<string, Record<string, { parameters: { name: string; in: string; required: boolean }[] }>>)) {
      const op = ops.get;
      if (!op) continue;
      const path = template.replace(/\{(\w+)\}/g, (_, p: string) => EXAMPLE[p]);
      const query = EXAMPLE_QUERY[template] ?? {};
      for (const p of op.parameters) if (p.in === 'query' && p.required) expect(query, `${template} needs an example ${p.name}`).toHaveProperty(p.name);
      const res = await get(`/api/v1${path}`).query(query);
      expect([200, 204], `${template} → ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
      const bad = await get(`/api/v1${path}`).query({ ...query, no_such_parameter: '1' });
      expect(bad.status, template).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body.detail, template).toContain('no_such_parameter');
    }
  });
});

describe('one naming style', () => {
  const camel = /^[a-z]+[A-Z]\w*$/;
  const keysOf = (o: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(o)) o.slice(0, 50).forEach((v) => keysOf(v, out));
    else if (o && typeof o === 'object')
      for (const [k, v] of Object.entries(o)) {
        out.add(k);
        keysOf(v, out);
      }
    return out;
  };

  it('names every field of the JSON answers in snake_case (the reconciliation report and register summaries included)', async () => {
    for (const path of ['/api/reconciliation', '/api/config', '/api/layers', '/api/registers', '/api/services', '/api/areas/E04005528/services', '/api/search?q=Wigston', '/api/postcodes/LE174QB']) {
      const keys = [...keysOf((await get(path).expect(200)).body)].filter((k) => camel.test(k));
      expect(keys, path).toEqual([]);
    }
    const reconciliation = (await get('/api/reconciliation').expect(200)).body;
    expect(reconciliation.counts).toHaveProperty('resolved_lower_confidence');
    expect(reconciliation.entries[0]).toHaveProperty('listed_as');
  });
});
