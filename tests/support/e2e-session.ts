// One browser session for an end-to-end test file: a real atlas server, headless chromium, a page
// on the atlas, and every page error or console error collected (CSP violations, failed requests).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startAtlas, type RunningAtlas } from './atlas-server.ts';
import { waitForMap } from './atlas-page.ts';
import { launchChromium } from './browser.ts';

export interface Session {
  atlas: RunningAtlas;
  browser: Browser;
  page: Page;
  errors: string[];
  /** Reads the API directly, for expectations that do not come from the page. */
  get<T = any>(path: string): Promise<T>;
  /** Another page on the same browser, watched for errors too. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export const VIEWPORT = { width: 1360, height: 860 };

export async function openSession(): Promise<Session> {
  const [atlas, browser] = await Promise.all([startAtlas(), launchChromium()]);
  const errors: string[] = [];
  const newPage = async (viewport = VIEWPORT) => {
    const p = await browser.newPage({ viewport });
    p.on('pageerror', (e) => errors.push(e.stack ?? e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    return p;
  };
  const page = await newPage();
  await page.goto(atlas.url);
  await waitForMap(page, 'parishes');
  return {
    atlas,
    browser,
    page,
    errors,
    get: async (path) => (await fetch(`${atlas.url}${path}`)).json(),
    newPage,
    close: async () => {
      await browser.close();
      await atlas.close();
    },
  };
}

/**
 * Opens a session for the test file and hands it over; any page or console error fails the test
 * that caused it, and the session closes after the last test.
 */
export function useSession(receive: (s: Session) => void): void {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await openSession();
    receive(session);
  });
  afterEach(() => {
    expect(session?.errors).toEqual([]);
  });
  afterAll(async () => {
    await session?.close();
  });
}

/** The map position, evaluated in the page. */
export const readCamera = () => {
  const map = window.atlas!.maplibre()!;
  return { lon: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom() };
};
