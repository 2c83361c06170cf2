// Checks the curated tables against an independent reading of Appendix One (the shared source document):
// every listed place is in geodata/designations.csv verbatim, and the rules match the ticks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEntries, loadRules } from '../../server/pipeline/curated.ts';
import { APPENDIX_SEED, CURATED_DIR } from '../support/paths.ts';
import { parseAppendixOne } from '../support/appendix-one.ts';

const seedRows = parseAppendixOne(readFileSync(APPENDIX_SEED, 'utf8'));
const entries = loadEntries(CURATED_DIR);

describe('Appendix One in geodata/', () => {
  it('lists 245 parish-table and 12 urban-table places, as the seed does', () => {
    const count = (t: string) => seedRows.filter((r) => r.table === t).flatMap((r) => r.places).length;
    expect(count('parish')).toBe(245);
    expect(count('urban')).toBe(12);
    expect(entries.filter((e) => e.table === 'parish')).toHaveLength(count('parish'));
    expect(entries.filter((e) => e.table === 'urban')).toHaveLength(count('urban'));
  });

  it('keeps every place verbatim, in seed order, under its table and category', () => {
    const fromSeed = seedRows.flatMap((r) => r.places.map((p) => `${r.table}|${r.category}|${p}`));
    const curated = entries.map((e) => `${e.table}|${e.category}|${e.listedAs}`);
    expect(curated).toEqual(fromSeed);
  });

  it('marks "(part)" and "Parts of the following" entries as part, and urban towns the parish table or the strategy lists in part, every other entry as whole', () => {
    // Urban-table towns the parish table lists only in part ("Market Harborough (part)", "Parts of the following: … Oadby;
    // … Wigston"), read from the seed itself; besides them, Loughborough (the parish table names only "Loughborough East"
    // and "West" of it) and Hinckley (named in both the LAA target and General urban rows).
    const bare = (p: string) => p.replace(/\(part\)/i, '').replace(/^Mkt /, 'Market ').trim();
    const partInParishTable = new Set(seedRows.filter((r) => r.table === 'parish').flatMap((r) => r.places.filter((p) => r.partsOfTheFollowing || /\(part\)/i.test(p)).map(bare)));
    const townsInPart = new Set(['Loughborough', 'Hinckley']);
    expect([...partInParishTable]).toEqual(expect.arrayContaining(['Market Harborough', 'Melton Mowbray', 'Oadby', 'Wigston', 'Loughborough Hastings']));
    for (const row of seedRows)
      for (const place of row.places) {
        const entry = entries.find((e) => e.table === row.table && e.category === row.category && e.listedAs === place)!;
        const urbanInPart = row.table === 'urban' && (townsInPart.has(place) || partInParishTable.has(bare(place)));
        // A later ward is only the best evidence of where a 2008 neighbourhood lay, never of its boundary.
        const expected = row.partsOfTheFollowing || /\(part\)/i.test(place) || urbanInPart || entry.method === 'later_ward' ? 'part' : 'whole';
        expect(entry.extent, place).toBe(expected);
      }
  });

  it('gives every unresolved entry a reason and resolves the rest to codes', () => {
    for (const e of entries) {
      if (e.method === 'unresolved') expect(e.note.length, e.listedAs).toBeGreaterThan(20);
      else expect(e.codes.length, e.listedAs).toBeGreaterThan(0);
    }
  });

  it('has rules that tick exactly the services the seed ticks in each row', () => {
    const { ruleRows } = loadRules(CURATED_DIR);
    for (const row of seedRows) {
      const rule = ruleRows.find((r) => r.table === row.table && r.category === row.category)!;
      expect(rule.services, `${row.table} ${row.category}`).toEqual(row.ticks);
    }
    expect(ruleRows).toHaveLength(seedRows.length);
  });
});
