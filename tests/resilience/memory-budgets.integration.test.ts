// Every cache counts bytes against the budgets in server/config/limits.ts (issue 22 item 4): the OGC items
// route's memory of checked URLs stays inside its byte budget however long the URLs and Host headers,
// and the budgets' documented total is the sum of every cache's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import * as limits from '../../server/config/limits.ts';
import { checkedUrlBytes } from '../../server/ogc/items.ts';
import { openAtlas, type TestAtlas } from '../support/atlas-app.ts';

let atlas: TestAtlas;
beforeAll(() => {
  atlas = openAtlas();
});
afterAll(() => atlas?.close());

describe('the OGC checked-URL memory', () => {
  it('holds at most its byte budget after 800 distinct 8 kB Host headers', async () => {
    const http = supertest(atlas.app);
    let answered = 0;
    for (let i = 0; i < 800; i++) {
      const res = await http.get('/ogc/collections/parishes/items?limit=1').set('Host', `h${i}.${'x'.repeat(8000)}.example`);
      if (res.status === 200) answered++;
    }
    expect(answered).toBe(800);
    expect(checkedUrlBytes(atlas.ctx)).toBeGreaterThan(0);
    expect(checkedUrlBytes(atlas.ctx)).toBeLessThanOrEqual(limits.OGC_CHECKED_URL_BYTES);
  }, 120_000);
});

describe('the documented total', () => {
  it('is the sum of every cache budget', () => {
    const budgets = Object.entries(limits).filter(([name]) => /_(CACHE_)?BYTES$/.test(name) && name !== 'CACHE_TOTAL_BYTES' && !/UPLOAD/.test(name));
    expect(budgets.length).toBeGreaterThanOrEqual(9);
    expect(budgets.reduce((n, [, v]) => n + (v as number), 0)).toBe(limits.CACHE_TOTAL_BYTES);
  });
});
