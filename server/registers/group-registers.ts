// The registers behind the group counts: the built-in ones from GEODATA_DIR and the imported ones
// from the registers database, each located against the current atlas areas. Implements the
// GroupCounts port; a change made by another process (the CLI) is picked up at the next request.
import { randomUUID } from 'node:crypto';
import { postcodeKey } from '../domain/names.ts';
import type { LayerId } from '../layers.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import type { GroupCounts, RegisterSummary } from '../store/group-counts.ts';
import { AreaLocator } from './area-locator.ts';
import type { BuiltinRegister } from './builtin.ts';
import { checkRows, type RegisterFormat } from './check-rows.ts';
import { importReport, type ImportReport } from './import-report.ts';
import { countByLayer, countCategories, locateGroup, type LocatedGroup } from './locate-groups.ts';
import type { Gazetteer } from './place-group.ts';
import type { RegisterDb } from './register-db.ts';
import { checkRegisterName, RegisterError } from './register-name.ts';

export interface LoadedRegister {
  name: string;
  kind: 'built-in' | 'imported';
  importId: string;
  source: string;
  fileName: string | null;
  importedAt: string;
  groups: LocatedGroup[];
  counts: Map<LayerId, Map<string, number>>;
  categories: Record<string, number>;
  /** The import report as stored (imported registers only). */
  report: string | null;
}

export interface ImportRequest {
  register: string;
  format: RegisterFormat;
  content: string | object;
  source?: string;
  fileName?: string;
}

export function atlasGazetteer(store: AtlasStore, locator: AreaLocator): Gazetteer {
  // Geocoded from the database's postcode index: a whole-file Map cost 16 s of start-up and ~1 GB at England size.
  return {
    countyCode: store.covers.code,
    notCovered: store.covers.notCovered,
    postcode: (key) => store.postcode(key),
    hasArea: (code) => store.layersWithCode(code).length > 0,
    inCounty: (lon, lat) => locator.inCounty(locator.place(lon, lat)),
  };
}

export class GroupRegisters implements GroupCounts {
  readonly locator: AreaLocator;
  readonly gazetteer: Gazetteer;
  private readonly builtin: LoadedRegister[];
  private imported = new Map<string, LoadedRegister>();
  private generation = -1;
  private readonly countCache = new Map<string, ReadonlyMap<string, number>>();

  constructor(
    private readonly store: AtlasStore,
    private readonly db: RegisterDb,
    builtin: readonly BuiltinRegister[] = [],
    locator?: AreaLocator,
  ) {
    this.locator = locator ?? new AreaLocator((layer) => store.areas(layer));
    this.gazetteer = atlasGazetteer(store, this.locator);
    this.builtin = builtin.map((b) =>
      this.load({ name: b.name, kind: 'built-in', importId: b.loadedAt, source: b.source, fileName: b.file, importedAt: b.loadedAt, report: null }, b.groups.map((g) => this.locate(g))),
    );
    this.refresh();
  }

  private locate = (g: Parameters<typeof locateGroup>[0]) => locateGroup(g, this.store, this.locator);

  private load(meta: Omit<LoadedRegister, 'groups' | 'counts' | 'categories'>, groups: LocatedGroup[]): LoadedRegister {
    return { ...meta, groups, counts: countByLayer(groups), categories: countCategories(groups) };
  }

  /** Re-reads imported registers whose import changed since we last looked (cheap when nothing did). */
  private refresh() {
    const generation = this.db.generation();
    if (generation === this.generation) return;
    const next = new Map<string, LoadedRegister>();
    for (const stored of this.db.list()) {
      const held = this.imported.get(stored.name);
      next.set(
        stored.name,
        held?.importId === stored.importId ? held : this.load({ ...stored, kind: 'imported', report: stored.report }, this.db.groups(stored.name).map(this.locate)),
      );
    }
    this.imported = next;
    this.generation = generation;
    this.countCache.clear();
  }

  /** Built-in registers first, then imported ones by name. */
  all(): LoadedRegister[] {
    this.refresh();
    return [...this.builtin, ...this.imported.values()];
  }

  get(name: string): LoadedRegister | undefined {
    return this.all().find((r) => r.name === name);
  }

  registers(): RegisterSummary[] {
    return this.all().map((r) => ({ name: r.name, rows: r.groups.length, source: r.source, importedAt: r.importedAt }));
  }

  version(): string {
    this.refresh();
    return `g${this.generation}`;
  }

  counts(layer: LayerId, registers: readonly string[] | null): ReadonlyMap<string, number> {
    const selected = this.all().filter((r) => registers === null || registers.includes(r.name));
    const key = `${layer}|${selected.map((r) => r.name).join(',')}`;
    let counts = this.countCache.get(key);
    if (!counts) {
      const sum = new Map<string, number>();
      for (const r of selected) for (const [code, n] of r.counts.get(layer)!) sum.set(code, (sum.get(code) ?? 0) + n);
      this.countCache.set(key, (counts = sum));
    }
    return counts;
  }

  /** Checks the whole file, then replaces the register in one transaction; nothing changes if any row is rejected. */
  import(req: ImportRequest): ImportReport {
    const name = checkRegisterName(req.register, this.builtin.map((b) => b.name));
    const checked = checkRows(req.format, req.content, this.gazetteer);
    const located = checked.groups.map(this.locate);
    const previous = this.get(name);
    const importedAt = new Date().toISOString();
    const source = req.source?.trim() || previous?.source || `imported from ${req.fileName ?? 'an upload'}`;
    const report = importReport({ register: name, fileName: req.fileName ?? null, source, replacedPrevious: previous !== undefined, importedAt }, checked, located);
    if (report.status === 'rejected') throw new RegisterError(422, 'Register not imported', rejectionSummary(report), report);
    const importId = randomUUID();
    const meta = { name, importId, source, fileName: req.fileName ?? null, importedAt, report: JSON.stringify(report) };
    const generation = this.db.replace(meta, checked.groups);
    // Only our own change since the last look: keep the groups just located instead of reading them back.
    if (generation === this.generation + 1) {
      this.imported.set(name, this.load({ ...meta, kind: 'imported' }, located));
      this.imported = new Map([...this.imported].sort(([a], [b]) => a.localeCompare(b)));
      this.generation = generation;
      this.countCache.clear();
    }
    return report;
  }

  delete(name: string): boolean {
    if (this.builtin.some((b) => b.name === name)) throw new RegisterError(409, 'Built-in register', `"${name}" is loaded from GEODATA_DIR at startup and cannot be deleted`);
    return this.db.delete(name);
  }

  close() {
    this.db.close();
  }
}

function rejectionSummary(report: ImportReport): string {
  const kinds = Object.entries(report.rejections_by_kind).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ');
  const first = report.rejections[0];
  const where = first?.line ? `line ${first.line}` : first?.feature ? `feature ${first.feature}` : 'the file itself';
  return `${report.rejected} problem${report.rejected === 1 ? '' : 's'} (${kinds}); first at ${where}: ${first?.reason}. Nothing was imported and register "${report.register}" is unchanged.`;
}
