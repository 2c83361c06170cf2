// The registers behind the group counts: the built-in ones from GEODATA_DIR and the imported ones
// from the registers database, each located against the current atlas areas. Implements the
// GroupCounts port; a change made by another process (the CLI) is picked up at the next request.
import { decodeRegisterText, type TextEncoding } from './decode-text.ts';
import type { Comparison } from '../domain/density.ts';
import type { LayerId } from '../registry/layers.ts';
import type { AtlasStore } from '../store/atlas-store.ts';
import { COUNTED_GROUP_SETS } from '../config/limits.ts';
import type { CountedGroup, GroupCounts, RegisterSummary } from '../store/group-counts.ts';
import type { AreaLocator } from '../store/area-locator.ts';
import type { PlacedBuiltinRegister } from './builtin.ts';
import { closeSync, openSync, readSync } from 'node:fs';
import type { ImportReport } from './import-report.ts';
import { MAX_FIELD_BYTES, readCsvRows } from './read-csv-rows.ts';
import { charityComparison, checkExtractImport, checkImport, type CheckedImport, type ImportRequest } from './import/check-import.ts';
import { importInWorker, type ImportedInWorker } from './import/import-runner.ts';
import { countByLayer, countCategories, locateGroup, notCountedOf, placedFor, type LocatedGroup, type NotCounted } from './locate-groups.ts';
import type { Gazetteer } from './place-group.ts';
import type { RegisterDb } from './register-db.ts';
import { GroupsThread, type GroupsJob } from './groups/groups-thread.ts';
import { checkRegisterName, RegisterError } from './register-name.ts';

export type { ImportRequest } from './import/check-import.ts';

export interface LoadedRegister {
  name: string;
  kind: 'built-in' | 'imported';
  importId: string;
  source: string;
  fileName: string | null;
  importedAt: string;
  /** Every group, located; for imported registers read and located only when first asked for (the CLI and
   *  tests: the server's requests never ask, the groups thread serves them). */
  readonly groups: LocatedGroup[];
  /** The groups listed but not counted, with why (county-wide, closed, outside every area). */
  notCounted: NotCounted[];
  rows: number;
  counted: number;
  counts: Map<LayerId, Map<string, number>>;
  categories: Record<string, number>;
  /** The import report as stored (imported registers only). */
  report: string | null;
  comparison: Comparison;
}

export function atlasGazetteer(store: AtlasStore): Gazetteer {
  // Geocoded from the database's postcode index: a whole-file Map cost 16 s of start-up and ~1 GB at England size.
  // The point index is the store's, made when a point first needs it.
  return {
    countyCode: store.covers.code,
    notCovered: store.covers.notCovered,
    postcode: (key) => store.postcode(key),
    hasArea: (code) => store.layersWithCode(code).length > 0,
    inCounty: (lon, lat) => store.locator.inCounty(store.locator.place(lon, lat)),
  };
}

export class GroupRegisters implements GroupCounts {
  readonly gazetteer: Gazetteer;
  private readonly builtin: LoadedRegister[];
  private imported = new Map<string, LoadedRegister>();
  private generation = -1;
  private readonly countCache = new Map<string, ReadonlyMap<string, number>>();
  /** The counted groups per choice of registers, for custom areas; emptied with the counts. */
  private readonly countedCache = new Map<string, CountedGroup[]>();
  /** Imports running in a worker thread right now. */
  private importing = 0;
  private readonly listeners: (() => void)[] = [];
  private closed = false;
  /** Builds group bodies off the event loop; started on the first groups request. */
  private thread: GroupsThread | null = null;

  constructor(
    private readonly store: AtlasStore,
    private readonly db: RegisterDb,
    /** Placed when the database was built (builtin-placements.ts): nothing is located here. */
    builtin: readonly PlacedBuiltinRegister[] = [],
  ) {
    this.gazetteer = atlasGazetteer(store);
    this.builtin = builtin.map((b) =>
      this.load({ name: b.name, kind: 'built-in', importId: b.loadedAt, source: b.source, fileName: b.file, importedAt: b.loadedAt, report: null, comparison: 'none' }, b.groups),
    );
    this.refresh();
  }

  /** The store's point index, made when a point first needs it (an imported register, a look-up). */
  get locator(): AreaLocator {
    return this.store.locator;
  }

  private locate = (g: Parameters<typeof locateGroup>[0]) => locateGroup(g, this.store, this.locator);

  private load(meta: RegisterMeta, groups: LocatedGroup[]): LoadedRegister {
    const notCounted = notCountedOf(groups);
    return { ...meta, groups, notCounted, rows: groups.length, counted: groups.length - notCounted.length, counts: countByLayer(groups), categories: countCategories(groups) };
  }

  /** Re-reads imported registers whose import changed since we last looked (cheap when nothing did). */
  private refresh() {
    // While our worker imports, its commit must not be re-read and re-located here on the event loop:
    // the worker's answer carries the counts. A CLI change meanwhile is picked up once it is done.
    if (this.importing > 0) return;
    const generation = this.db.generation();
    if (generation === this.generation) return;
    const next = new Map<string, LoadedRegister>();
    for (const stored of this.db.list()) {
      const held = this.imported.get(stored.name);
      next.set(
        stored.name,
        held?.importId === stored.importId ? held : this.loadStored({ ...stored, kind: 'imported', report: stored.report }),
      );
    }
    this.imported = next;
    this.generation = generation;
    this.countCache.clear();
    this.countedCache.clear();
    this.changed();
  }

  onChange(listener: () => void) {
    this.listeners.push(listener);
  }

  /** Tells the listeners after the current work, so a request that noticed the change is not held up by them. */
  private changed() {
    if (this.listeners.length) setImmediate(() => !this.closed && this.listeners.forEach((l) => l()));
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
    return this.all().map((r) => ({ name: r.name, rows: r.rows, source: r.source, importedAt: r.importedAt, comparison: r.comparison, counted: r.counted }));
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

  counted(registers: readonly string[] | null): CountedGroup[] {
    const selected = this.all().filter((r) => registers === null || registers.includes(r.name));
    const key = selected.map((r) => r.name).join(',');
    let out = this.countedCache.get(key);
    if (!out) {
      out = [];
      for (const r of selected) for (const g of r.groups) if (g.notCounted === null && g.point) out.push({ point: g.point, placement: g.placement });
      if (this.countedCache.size >= COUNTED_GROUP_SETS) this.countedCache.clear();
      this.countedCache.set(key, out);
    }
    return out;
  }

  private importDeps() {
    return { builtin: this.builtin.map((b) => b.name), gazetteer: this.gazetteer, locate: this.locate, previous: (name: string) => this.get(name) };
  }

  /** Checks the whole file, then replaces the register in one transaction; nothing changes if any row is rejected.
   *  In process, for the CLI; the server imports in a worker thread with importFile(). */
  import(req: ImportRequest): ImportReport {
    return this.keep(checkImport(req, this.importDeps()));
  }

  /** As import(), for a Charity Commission extract, which is streamed from `req.path` (the CLI; the server uses importFile()). */
  async importExtract(req: ImportRequest & { path: string }): Promise<ImportReport> {
    return this.keep(await checkExtractImport({ ...req, format: 'ccew' }, this.importDeps()));
  }

  private keep(checked: CheckedImport): ImportReport {
    const generation = this.db.replace(checked.meta, checked.groups, placedFor(this.store.inputsHash));
    // Only our own change since the last look: keep the groups just located instead of reading them back.
    if (generation === this.generation + 1) this.adopt(this.load({ ...checked.meta, kind: 'imported' }, checked.located), generation);
    return checked.report;
  }

  /** Imports an uploaded file in a worker thread; the event loop only adopts the per-area counts it sends back. */
  async importFile(req: Omit<ImportRequest, 'content'> & { path: string }): Promise<ImportReport> {
    const builtin = this.importDeps().builtin;
    checkRegisterName(req.register, builtin); // refuse a bad name (or comparison) before starting a worker
    if (req.format === 'ccew') charityComparison(req.comparison);
    this.checkHeader(req);
    this.importing++;
    let done: ImportedInWorker;
    try {
      done = await importInWorker({ ...req, builtin, atlasDbPath: this.store.path, registersDbPath: this.db.path });
    } finally {
      this.importing--;
    }
    // Held under its import id, so a refresh for other changes keeps it rather than reading it back.
    const sequential = done.generation === this.generation + 1;
    this.adopt(this.fromWorker(done), sequential ? done.generation : this.generation);
    this.refresh();
    return done.report;
  }

  /**
   * Refuses a CSV whose header line is already wrong (too long, too many or repeated columns, a required
   * column missing) at once, with the same 422 report, rather than after a worker has loaded the atlas.
   */
  private checkHeader(req: { format: string; path: string; register: string; source?: string; fileName?: string; encoding?: TextEncoding }) {
    if (req.format !== 'csv') return;
    let head: string;
    try {
      head = decodeRegisterText(readHead(req.path, MAX_FIELD_BYTES + 1), req.encoding).text;
    } catch {
      return; // a character cut at the end of the head, or bytes the worker will refuse with their line
    }
    const end = head.indexOf('\n');
    // A header with a quote may hold a quoted line break; leave such files to the full reader.
    if (end === -1 ? head.length <= MAX_FIELD_BYTES : head.slice(0, end).includes('"')) return;
    const header = end === -1 ? head : head.slice(0, end + 1);
    if (readCsvRows(header).problem) checkImport({ ...req, format: 'csv', content: header }, this.importDeps()); // throws the 422
  }

  /** An imported register as the import summed its placements up (one row read), or its groups placed and counted now. */
  private loadStored(meta: RegisterMeta): LoadedRegister {
    const summary = this.db.placedSummary(meta.name, placedFor(this.store.inputsHash));
    return this.unheld(summary ? { ...meta, ...summary } : this.load(meta, this.placedGroups(meta.name)));
  }

  /** An imported register's groups as placed when imported into this atlas, or placed now (another atlas build, an older registers database). */
  private placedGroups(name: string): LocatedGroup[] {
    return this.db.placed(name, placedFor(this.store.inputsHash)) ?? this.db.groups(name).map(this.locate);
  }

  /** A register the worker stored: its counts now, its groups read back and located only when someone asks for them. */
  private fromWorker(done: ImportedInWorker): LoadedRegister {
    const { counts, categories, rows, counted, notCounted } = done;
    return this.unheld({ ...done.meta, kind: 'imported', notCounted, rows, counted, counts, categories });
  }

  /**
   * An imported register whose groups are not held here: the groups thread serves them, so the event
   * loop's copy (about 1 kB a group) would only be memory; read and located again if someone asks (CLI, tests).
   */
  private unheld(r: Omit<LoadedRegister, 'groups'>): LoadedRegister {
    let groups: LocatedGroup[] | null = null;
    const load = () => (groups ??= this.placedGroups(r.name));
    return {
      ...r,
      get groups() {
        return load();
      },
    };
  }

  private adopt(register: LoadedRegister, generation: number) {
    this.imported.set(register.name, register);
    this.imported = new Map([...this.imported].sort(([a], [b]) => a.localeCompare(b)));
    this.generation = generation;
    this.countCache.clear();
    this.countedCache.clear();
    this.changed();
  }

  delete(name: string): boolean {
    if (this.builtin.some((b) => b.name === name)) throw new RegisterError(409, 'Built-in register', `"${name}" is loaded from GEODATA_DIR at startup and cannot be deleted`);
    return this.db.delete(name);
  }

  /** The registers database file; uploads are spooled next to it. */
  get dbPath(): string {
    return this.db.path;
  }

  /**
   * The bytes of GET /api/groups.geojson for these registers (a page, or the whole collection), built by
   * the groups thread, which holds the registers' groups located: the event loop neither locates nor serialises them.
   */
  groupsBody(registers: readonly LoadedRegister[], job: Pick<GroupsJob, 'filter' | 'attribution' | 'page'>): Promise<{ body: Buffer; etag: string }> {
    this.thread ??= new GroupsThread({ atlasDbPath: this.store.path, registersDbPath: this.db.path });
    const key = (r: LoadedRegister) => `${r.kind}:${r.name}:${r.importId}`;
    return this.thread.build({
      ...job,
      registers: registers.map((r) => ({ key: key(r), kind: r.kind, name: r.name, source: r.source, importedAt: r.importedAt })),
      loaded: this.all().map(key),
    });
  }

  close() {
    this.closed = true;
    this.thread?.close();
    this.db.close();
  }
}

/** The first `bytes` bytes of a file, as text. */
function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

type RegisterMeta = Omit<LoadedRegister, 'groups' | 'notCounted' | 'rows' | 'counted' | 'counts' | 'categories'>;
