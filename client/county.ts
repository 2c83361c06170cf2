// How the page names the area the atlas covers, from GET /api/config (geodata/area.json is its one home):
// the county's name and its districts, so no county is written into the client.
import type { ClientConfig } from './types.ts';

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
/** "seven": small counts in words, as the page writes them in sentences. */
export const countWord = (n: number) => NUMBER_WORDS[n] ?? n.toLocaleString('en-GB');

export interface County {
  /** "Leicestershire". */
  name: string;
  /** "seven districts". */
  districts: string;
  /** "seven Leicestershire districts". */
  namedDistricts: string;
}

export function countyOf(config: Pick<ClientConfig, 'area' | 'districts'>): County {
  const n = countWord(config.districts.length);
  const noun = config.districts.length === 1 ? 'district' : 'districts';
  return { name: config.area.name, districts: `${n} ${noun}`, namedDistricts: `${n} ${config.area.name} ${noun}` };
}
