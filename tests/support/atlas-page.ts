// Helpers for driving the atlas page in end-to-end tests: wait for the map to settle, read the
// legend and panel as the user sees them, and save screenshots as artefacts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../server/config/config.ts';

export const ARTIFACTS = join(PROJECT_ROOT, 'artifacts', 'e2e');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Waits until the map has loaded and drawn the given layer (and view, when given). */
export async function waitForMap(page: Page, layer: string, viewKey?: string): Promise<void> {
  await page.waitForFunction(
    ([l, v]) => {
      const el = document.getElementById('map');
      return el?.dataset.state === 'ready' && el.dataset.layer === l && (!v || el.dataset.view === v);
    },
    [layer, viewKey ?? null] as const,
    { timeout: 60_000 },
  );
}

/** Legend rows as { class id: count }, and the total the legend says is shown. */
export async function legend(page: Page): Promise<{ counts: Record<string, number>; total: number; title: string }> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const li of document.querySelectorAll<HTMLLIElement>('#legend li[data-class]')) counts[li.dataset.class!] = Number(li.dataset.count);
    const total = Number(document.querySelector<HTMLElement>('#legend [data-total]')?.dataset.total);
    return { counts, total, title: document.querySelector('#legend .legend-title')?.textContent ?? '' };
  });
}

/** The services shown in a services list, as { service id: available }. */
export async function servicesShown(page: Page, container: string): Promise<Record<string, boolean>> {
  return page.evaluate((sel) => {
    const out: Record<string, boolean> = {};
    for (const li of document.querySelectorAll<HTMLLIElement>(`${sel} li[data-service]`)) out[li.dataset.service!] = li.dataset.available === 'true';
    return out;
  }, container);
}

/** Counts values by key, e.g. features by category and extent, to compare with the legend. */
export function tally<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

/** WCAG contrast ratio of two CSS colours as getComputedStyle gives them ("rgb(r, g, b)"). */
export function contrastRatio(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export interface AxeResult {
  id: string;
  impact: string | null;
  nodes: number;
}

/**
 * Runs axe-core (the dev dependency, evaluated in the page: the CSP forbids inline script tags, and
 * evaluation is not subject to it) over the page as it is, and returns its violations.
 */
export async function axeAudit(page: Page): Promise<AxeResult[]> {
  const source = readFileSync(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

/** Saves a measurement (timings, audit counts) as JSON beside the screenshots, for the report. */
export function recordFigure(name: string, value: unknown): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.json`), JSON.stringify(value, null, 2));
}

/** Run in the page (page.evaluate(drawnPixels)): the map's canvas read whole inside a render, where the drawing buffer is intact. */
export const drawnPixels = () =>
  new Promise<{ alpha: number; colours: number }>((resolve) => {
    const map = window.atlas!.maplibre()!;
    map.once('render', () => {
      const c = map.getCanvas();
      const gl = (c.getContext('webgl2') ?? c.getContext('webgl'))!;
      const px = new Uint8Array(c.width * c.height * 4);
      gl.readPixels(0, 0, c.width, c.height, gl.RGBA, gl.UNSIGNED_BYTE, px);
      const colours = new Set<number>();
      for (let i = 0; i < px.length; i += 4 * 97) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
      resolve({ alpha: px[(Math.floor(c.height / 2) * c.width + Math.floor(c.width / 2)) * 4 + 3], colours: colours.size });
    });
    map.triggerRepaint();
  });
