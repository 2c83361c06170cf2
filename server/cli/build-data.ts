// `npm run build:data`: builds the atlas database from GEODATA_DIR and prints the reconciliation summary.
// Exits 1 with a one-line reason (file, feature or line, and the problem) if any input is bad.
import { parseCli } from '../config/cli-args.ts';
import { loadConfig } from '../config/config.ts';
import { LAYERS } from '../registry/layers.ts';
import { buildDatabase } from '../pipeline/build-database.ts';
import { BuildError } from '../formats/build-error.ts';
import { describePhases } from '../pipeline/phases.ts';

parseCli({
  usage: [
    'usage: npm run build:data',
    '  Builds the atlas database (ATLAS_DB, default data/atlas.sqlite) from the files in GEODATA_DIR',
    '  (default ../shared/geodata). The previous database is kept if any input is bad.',
    '  ATLAS_TILE_WORKERS=n sets how many threads cut the vector tiles (0: the build thread).',
  ].join('\n'),
  options: {},
  operands: { min: 0, max: 0 },
});
const config = loadConfig();
// ATLAS_TILE_WORKERS=n sets how many threads cut the vector tiles (0: the build's own thread), for measuring.
const workers = process.env.ATLAS_TILE_WORKERS;
try {
  const r = buildDatabase({ ...config, tileWorkers: workers === undefined || workers === '' ? undefined : Number(workers) });
  const c = r.assembled.report.counts;
  const layers = LAYERS.map((l) => `${l.id} ${r.assembled.areas[l.id].length}`).join(', ');
  console.log(`Built ${r.dbPath} in ${r.ms} ms (${(r.bytes / 1e6).toFixed(1)} MB)`);
  console.log(`  layers: ${layers}; postcodes ${r.postcodes}; county population ${r.assembled.stats.countyPopulation.toLocaleString('en-GB')}`);
  console.log(`  Appendix One: ${c.entries} entries (${c.parishTable} parish, ${c.urbanTable} urban); ${c.listed} listed, ${c.resolved} resolved (${c.resolvedLowerConfidence} lower confidence), ${c.unresolved} unresolved; ${c.inferred} parishes inferred as successors, ${c.notListed} not listed`);
  console.log(`  parishes and unparished areas named by no entry: ${c.unlisted} (${c.unlistedWithOverlay} still designated through a ward entry or as a successor)`);
  for (const e of r.assembled.report.entries.filter((x) => x.method === 'unresolved'))
    console.log(`    unresolved: "${e.listedAs}" (${e.table} table, ${e.category}): ${e.note}`);
  for (const u of r.assembled.report.unlisted)
    console.log(`    named by no entry: ${u.name} (${u.code}, ${u.district})${u.viaOverlay.length ? ` - designated through ${u.viaOverlay.map((d) => d.listedAs).join('; ')}` : ''}`);
  console.log(`  full reconciliation report: ${r.reportPath}`);
  for (const line of describePhases(r.phases)) console.log(`  phase: ${line}`);
  const t = r.tiles;
  console.log(`  tiles: ${t.tiles} (${(t.bytes / 1e6).toFixed(1)} MB gzip) in ${(t.ms / 1000).toFixed(1)} s, ${t.workers ? `${t.workers} worker threads, largest worker heap ${t.workerHeapMB} MB` : 'cut in the build thread'}`);
} catch (err) {
  if (err instanceof BuildError) {
    console.error(`Build failed, previous database kept: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
