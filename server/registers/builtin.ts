// The registers that come with the shared geodata (GEODATA_DIR/groups): public libraries, with
// community-run (CRL) and council-run (LAL) as separate categories and closed ones left out, and
// the community groups named in the seed documents. The database build reads them through the same
// checks as an import, so a bad row stops the build (and a server building at start) with its file and
// line; builtin-placements.ts places and stores them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readCsv } from '../formats/csv.ts';
import { BuildError } from '../formats/build-error.ts';
import { checkReadRows } from './check-rows.ts';
import type { GroupInput, RawRow } from './group-input.ts';
import type { LocatedGroup } from './locate-groups.ts';
import type { Gazetteer } from './place-group.ts';

export interface BuiltinRegister {
  name: string;
  source: string;
  file: string;
  loadedAt: string;
  /** Rows in the file that the register leaves out on purpose (closed libraries). */
  leftOut: number;
  groups: GroupInput[];
}

/** A built-in register with every group placed, as the build stores it and a server loads it. */
export interface PlacedBuiltinRegister extends Omit<BuiltinRegister, 'groups'> {
  groups: LocatedGroup[];
}

type Cells = Record<string, string>;
const LIBRARY_CATEGORY: Record<string, string> = { CRL: 'community-run library', LAL: 'council-run library' };

const SPECS = [
  {
    name: 'libraries',
    file: 'groups/libraries-leicestershire.csv',
    source: 'Public libraries: DCMS / Libraries Hacked public library dataset; postcodes geocoded with ONS NSPL (OGL v3.0)',
    /** Closed libraries (Year closed set) are no longer groups anyone can use. */
    keep: (r: Cells) => r['Year closed'] === '',
    cells: (r: Cells) => ({ name: r['Library name'], category: LIBRARY_CATEGORY[r['Type of library']] ?? '', postcode: r.Postcode, url: r.URL, source: 'DCMS / Libraries Hacked' }),
    listedOnly: () => undefined,
  },
  {
    name: 'case-studies',
    file: 'groups/case-studies.csv',
    source: 'Community groups named in the Leicestershire strategy documents, placed at a point inside their parish or 2013 ward',
    keep: () => true,
    cells: (r: Cells) => ({ name: r.name, category: r.kind, area_code: r.area_code, summary: r.summary, source: `${r.source_document} (${r.source_year})` }),
    /** The documents record some groups as folded; they stay listed as history but are not counted. */
    listedOnly: (r: Cells) => (r.status === 'closed' ? 'closed: the source records that the group folded' : undefined),
  },
] as const;

export function loadBuiltinRegisters(geodataDir: string, gazetteer: Gazetteer, log: (m: string) => void = console.log): BuiltinRegister[] {
  const out: BuiltinRegister[] = [];
  for (const spec of SPECS) {
    const path = join(geodataDir, spec.file);
    if (!existsSync(path)) {
      log(`[atlas] no ${spec.file} in GEODATA_DIR; the "${spec.name}" register is not available`);
      continue;
    }
    // The same reader as the data build, so a malformed file stops startup with its name and line.
    const records = readCsv(path, z.record(z.string(), z.string()), spec.file);
    const kept = records.filter(({ value }) => spec.keep(value));
    const rows: RawRow[] = kept.map(({ line, value }) => ({ line, cells: spec.cells(value) }));
    const checked = checkReadRows('csv', { rows, rejected: [], ignoredColumns: [], problem: null }, gazetteer);
    const bad = checked.rejections[0];
    if (bad) throw new BuildError(spec.file, `line ${bad.line}`, bad.reason);
    const listedOnly = new Map(kept.map(({ line, value }) => [line, spec.listedOnly(value)]));
    out.push({
      name: spec.name,
      source: spec.source,
      file: spec.file,
      loadedAt: new Date().toISOString(),
      leftOut: records.length - kept.length,
      groups: checked.groups.map((g) => ({ ...g, ...(listedOnly.get(g.line) ? { listedOnly: listedOnly.get(g.line) } : {}) })),
    });
  }
  return out;
}
