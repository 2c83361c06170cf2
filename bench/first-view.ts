// `npx tsx bench/first-view.ts URL [URL…]`: opens each page of a running atlas in real headless
// chromium (no cache), waits until the map has drawn its first view, and prints the bytes that went
// over the wire (Content-Encoding applied, headers excluded), in total and per kind of request.
// `--urls` also lists every request other than tiles and page files with its bytes.
import { launchChromium } from '../tests/support/browser.ts';

const listUrls = process.argv.includes('--urls');
const urls = process.argv.slice(2).filter((a) => a !== '--urls');
if (!urls.length) {
  console.error('usage: npx tsx bench/first-view.ts URL [URL…]');
  process.exit(2);
}

const kind = (url: string) => {
  const p = new URL(url).pathname;
  if (p.startsWith('/api/tiles/')) return p.endsWith('.json') ? 'tilejson' : 'tiles';
  if (p.startsWith('/api/layers/')) return 'layer';
  if (p.startsWith('/api/') || p.startsWith('/ogc/')) return 'api other';
  if (p.startsWith('/glyphs/')) return 'glyphs';
  return 'page (html, js, css)';
};

const browser = await launchChromium();
try {
  for (const url of urls) {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    // Playwright reports the map's web-worker requests (tiles) too; sizes() gives the bytes as sent.
    const urlOf = new Map<number, string>();
    const bytes = new Map<number, number>();
    const pending: Promise<void>[] = [];
    let next = 0;
    await page.route('**/*', (route) => route.continue({ headers: { ...route.request().headers(), 'cache-control': 'no-cache' } }));
    page.on('requestfinished', (req) => {
      const id = next++;
      urlOf.set(id, req.url());
      pending.push(req.sizes().then((s) => void bytes.set(id, s.responseBodySize), () => {}));
    });
    const started = performance.now();
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('map')?.dataset.state === 'ready', undefined, { timeout: 300_000 });
    await page.evaluate(() => new Promise<void>((resolve) => {
      const map = window.atlas!.maplibre()!;
      if (map.loaded() && map.areTilesLoaded()) resolve();
      else map.once('idle', () => resolve());
    }));
    const ms = Math.round(performance.now() - started);
    await Promise.all(pending);
    const byKind = new Map<string, { n: number; bytes: number }>();
    for (const [id, b] of bytes) {
      const k = kind(urlOf.get(id) ?? 'http://x/');
      const s = byKind.get(k) ?? { n: 0, bytes: 0 };
      s.n++;
      s.bytes += b;
      byKind.set(k, s);
    }
    const total = [...byKind.values()].reduce((a, s) => a + s.bytes, 0);
    console.log(`${url}: ${(total / 1e6).toFixed(3)} MB in ${[...bytes.keys()].length} requests, map drawn after ${ms} ms`);
    for (const [k, s] of [...byKind].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`  ${k.padEnd(22)} ${String(s.n).padStart(4)} requests ${(s.bytes / 1e3).toFixed(1).padStart(9)} kB`);
    if (listUrls) {
      for (const [id, b] of bytes) {
        const u = new URL(urlOf.get(id) ?? 'http://x/');
        if (!['tiles', 'page (html, js, css)'].includes(kind(u.href))) console.log(`    ${(b / 1e3).toFixed(1).padStart(8)} kB  ${u.pathname}${u.search}`);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
