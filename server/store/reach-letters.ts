// How an Output Area's reach is written in the output_areas table: one letter per service or
// category (a = all its residents, s = some, - = none), in the vocabulary's order. Written by the
// build, read by the store: the one place the letters are defined.
import type { Reach, UnitReach } from '../domain/overlay-model.ts';
import { CATEGORIES, SERVICE_IDS } from '../domain/vocabulary.ts';

const LETTER = { all: 'a', some: 's', none: '-' } as const;
const letter = (r: Reach) => LETTER[r ?? 'none'];
const fromLetter = (c: string): Reach => (c === 'a' ? 'all' : c === 's' ? 'some' : null);

export function reachLetters(r: UnitReach): { services: string; withheld: string; categories: string } {
  return {
    services: SERVICE_IDS.map((s) => letter(r.services[s])).join(''),
    withheld: SERVICE_IDS.map((s) => (r.withheld.includes(s) ? '1' : '0')).join(''),
    categories: CATEGORIES.map((c) => letter(r.categories[c])).join(''),
  };
}

export function reachFromLetters(row: { services: string; withheld: string; categories: string }): UnitReach {
  return {
    services: Object.fromEntries(SERVICE_IDS.map((s, i) => [s, fromLetter(row.services[i])])) as UnitReach['services'],
    withheld: SERVICE_IDS.filter((_, i) => row.withheld[i] === '1'),
    categories: Object.fromEntries(CATEGORIES.map((c, i) => [c, fromLetter(row.categories[i])])) as UnitReach['categories'],
  };
}
