// An independent reading of Appendix One straight from the seed text, so tests can check that
// geodata/designations.csv and geodata/rules.csv say exactly what the seed says.
import { SERVICE_IDS, type ServiceId } from '../../server/domain/vocabulary.ts';

export interface SeedRow {
  table: 'parish' | 'urban';
  category: 'laa_target' | 'social_capital' | 'general';
  places: string[];
  partsOfTheFollowing: boolean;
  ticks: ServiceId[];
}

const CATEGORY_BY_LABEL = { 'LAA Target area': 'laa_target', 'Social Capital areas': 'social_capital', General: 'general' } as const;

/** Lines of a table: a header line starting "Categories\t<Parishes|Urban>", then rows until the next blank run or heading. */
export function parseAppendixOne(text: string): SeedRow[] {
  const lines = text.split('\n');
  const rows: SeedRow[] = [];
  for (const [header, table] of [['Categories\tParishes', 'parish'], ['Categories\tUrban', 'urban']] as const) {
    const start = lines.findIndex((l) => l.startsWith(header));
    if (start < 0) throw new Error(`no "${header}" table in the seed`);
    let current: SeedRow | null = null;
    for (const line of lines.slice(start + 1)) {
      if (line.startsWith('**')) break;
      const cells = line.split('\t');
      const label = cells[0] as keyof typeof CATEGORY_BY_LABEL;
      if (label in CATEGORY_BY_LABEL) {
        current = { table, category: CATEGORY_BY_LABEL[label], places: [], partsOfTheFollowing: false, ticks: [] };
        current.ticks = SERVICE_IDS.filter((_, i) => (cells[2 + i] ?? '').includes('√'));
        rows.push(current);
        addPlaces(current, cells[1] ?? '');
      } else if (current && cells[0] === '' && cells[1] && !/^-+$/.test(cells[1])) {
        addPlaces(current, cells[1]); // the General row continues on further lines of the source
      }
    }
  }
  return rows;
}

function addPlaces(row: SeedRow, raw: string) {
  let text = raw.replace(/<\/?p>/g, '');
  if (text.includes('Parts of the following:')) {
    row.partsOfTheFollowing = true;
    text = text.replace('Parts of the following:', '');
  }
  // The parish table separates places with ';' (once with ';;'); the urban table also uses ','.
  const separator = row.table === 'urban' ? /[;,]/ : /;/;
  row.places.push(...text.split(separator).map((p) => p.trim()).filter(Boolean));
}
