// Helpers for driving the atlas page in end-to-end tests: wait for the map to settle, read the
// legend and panel as the user sees them, and save screenshots as artefacts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../server/config.ts';

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
