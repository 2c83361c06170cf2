// Golden files (geojson-vt's habit): a small input and its expected output committed side by side.
// UPDATE_GOLDEN=1 rewrites expected.json from what the code gives now; review that diff by eye.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = resolve(import.meta.dirname, '../fixtures/golden');

/** The fixture's input.json, parsed. */
export const goldenInput = <T>(name: string): T => JSON.parse(readFileSync(resolve(GOLDEN_DIR, name, 'input.json'), 'utf8')) as T;

/**
 * Compares through JSON (as the file holds it), so the test sees exactly what a reviewer reads.
 * A missing expected.json fails rather than being written silently.
 */
export function expectGolden(name: string, actual: unknown): void {
  const file = resolve(GOLDEN_DIR, name, 'expected.json');
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  if (!existsSync(file)) throw new Error(`${file} is missing; run with UPDATE_GOLDEN=1 and review it`);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
