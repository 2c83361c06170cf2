// Shared set-up for the register tests: the test atlas database, fresh registers databases, and the HTTP app.
import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import { createApp } from '../../server/http/app.ts';
import { createContext } from '../../server/http/context.ts';
import type { GroupRegisters } from '../../server/registers/group-registers.ts';
import { openGroupRegisters } from '../../server/registers/open-registers.ts';
import { AtlasStore } from '../../server/store/atlas-store.ts';
import { testDatabase } from '../support/atlas-app.ts';
import { tempDir } from '../support/variant-dirs.ts';

/** The built atlas for these inputs, shared with the HTTP tests (see tests/support/atlas-app.ts). */
export const atlasDbPath = testDatabase;

export function openStore(): AtlasStore {
  return new AtlasStore(atlasDbPath());
}

export const freshRegistersPath = () => join(tempDir('registers'), 'registers.sqlite');

export function openRegisters(store: AtlasStore, registersDbPath = freshRegistersPath()) {
  return openGroupRegisters({ registersDbPath }, store);
}

/** The store and a fresh set of registers for one test file, opened before its tests and closed after. */
export function useRegisters(): { store: AtlasStore; registers: GroupRegisters } {
  const held = {} as { store: AtlasStore; registers: GroupRegisters };
  beforeAll(() => {
    held.store = openStore();
    held.registers = openRegisters(held.store);
  });
  afterAll(() => {
    held.registers.close();
    held.store.close();
  });
  return held;
}

export function testApp(store: AtlasStore, adminToken: string | null, registersDbPath = freshRegistersPath()) {
  const groups = openRegisters(store, registersDbPath);
  const app = createApp(createContext(store, groups, { adminToken, basemapStyleUrl: null, clientDir: join(tempDir('noclient'), 'none') }));
  return { app, groups };
}

/** A CSV from header + rows; cells are quoted only when needed. */
export function csv(header: string[], rows: (string | number)[][]): string {
  const q = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [header, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n';
}

/** A point on the area that the layer's polygons hold (its label point). */
export function insidePoint(store: AtlasStore, layer: Parameters<AtlasStore['areas']>[0], code: string): [number, number] {
  const area = store.area(code, layer);
  if (!area) throw new Error(`no ${layer} area ${code}`);
  return area.label;
}
