// The words for one designation of an area, in one home for the API, the panel, the profile and
// Compare: "listed as" only when Appendix One names this very area, "resolved from" for an alias,
// merger or ward, "from the listing … through" for an area that takes it from the areas inside it,
// and "inferred from" for a parish formed since 2008.
import { CATEGORY_LABELS, WHOLE, type AppendixTable, type Category, type Extent } from './vocabulary.ts';

/** A designation of an area, as the words need it (the store's record extends it). */
export interface DesignationForWords {
  category: Category;
  table: AppendixTable;
  listedAs: string;
  /** The extent written in Appendix One for the entry itself ("(part)", "Parts of the following"). */
  listedExtent: Extent;
  /** The extent for this area: whole only if the entry is whole and covers all of the area's residents. */
  extent: Extent;
  share: number | null;
  method: string;
  /** listed, resolved or inferred (a successor parish taking its predecessor's listing). */
  confidence: 'listed' | 'resolved' | 'inferred';
  /** The method is marked lower confidence in geodata/methods.csv (a later ward of the same name). */
  lowerConfidence: boolean;
  via: readonly { layer: string; code: string; name: string; share: number | null }[];
}

/** How each resolution method reaches the area it names. */
export const METHOD_PHRASE: Record<string, string> = {
  bracket_alias: 'by the older name Appendix One gives in brackets',
  merged_or_renamed: 'as a place now merged into, or renamed as, a parish of today',
  historical_ward: 'to the 2013 ward(s) of that name',
  unparished_area: 'to the unparished area of the town',
  later_ward: 'to the 2025 ward of that name, at lower confidence (Appendix One gives no boundary)',
};

export const TABLE_LABEL: Record<AppendixTable, string> = { parish: 'parish table', urban: 'urban table' };

export const percent = (share: number) => `${Math.round(share * 100)}%`;
/** As percent, but a share above nothing that rounds to 0% is "under 1%" (never "0% of its residents" for someone reached). */
export const somePercent = (share: number) => (share > 0 && share < 0.005 ? 'under 1%' : percent(share));

/** Whether the designation names this very area (rather than reaching it through other areas). */
export const namesThisArea = (d: DesignationForWords, area: { layer: string; code: string }) =>
  d.via.length === 1 && d.via[0].layer === area.layer && d.via[0].code === area.code;

export const listingWords = (d: DesignationForWords) => `the listing “${d.listedAs}”${d.listedExtent === 'part' ? ' (part only)' : ''}`;

/** How sure, in words that never say "listed as" unless Appendix One names this very area. */
export function howSure(d: DesignationForWords, direct: boolean): string {
  if (d.method === 'successor_parish')
    return direct
      ? `inferred from ${listingWords(d)}, because this parish was formed after 2008 from the area so listed`
      : `inferred from ${listingWords(d)}, for the residents of a parish formed after 2008 from the area so listed`;
  if (d.confidence === 'listed') return direct ? `listed as “${d.listedAs}”${d.listedExtent === 'part' ? ' (part only)' : ''}` : `from ${listingWords(d)}`;
  return `resolved from ${listingWords(d)} ${METHOD_PHRASE[d.method] ?? d.method}`;
}

/** "Oadby and Wigston, unparished area (100% of residents), …": the areas a derived designation comes through. */
export const throughWords = (d: DesignationForWords, layerTitle: (layer: string) => string = () => '') =>
  d.via
    .map((v) => {
      const title = layerTitle(v.layer);
      const bits = [title, v.share !== null ? `${percent(v.share)} of residents` : ''].filter(Boolean);
      return bits.length ? `${v.name} (${bits.join(', ')})` : v.name;
    })
    .join(', ');

/**
 * One line for a list of designations: "LAA target area, parish table: listed as “Ibstock”; whole area"
 * or "Social capital area, urban table: from the listing “Oadby” (part only); an unspecified part;
 * through Oadby Grange (100% of residents)".
 */
export function designationLine(d: DesignationForWords, area: { layer: string; code: string }): string {
  const direct = namesThisArea(d, area);
  // A "(part)" entry that names the whole of this area still reaches only an unspecified part of it.
  const share = d.share !== null && d.share < WHOLE ? d.share : null;
  const extent = d.extent === 'whole' ? 'whole area' : share === null ? 'an unspecified part of the area' : `part of the area (${percent(share)} of residents)`;
  return `${CATEGORY_LABELS[d.category]}, ${TABLE_LABEL[d.table]}: ${howSure(d, direct)}; ${extent}${direct ? '' : `; through ${throughWords(d)}`}`;
}

/**
 * One line for a designation of your own area (never "listed as": Appendix One names no such area), its
 * residents counted as reach letters count them: "Social capital area, urban table: from the listing
 * “Oadby” (part only); an unspecified part of the 5,120 residents (38%) who live where it is listed;
 * through Oadby, unparished area (38% of residents)".
 */
export function customDesignationLine(d: DesignationForWords & { shareAtLeast: boolean; residentsWhereListed: number; whereListedAtLeast: boolean }, total: number): string {
  const n = d.residentsWhereListed.toLocaleString('en-GB');
  const of = total > 0 ? somePercent(d.residentsWhereListed / total) : '0%';
  const extent =
    d.extent === 'whole'
      ? 'all its residents'
      : d.share !== null
        ? `${d.shareAtLeast ? 'at least ' : ''}${somePercent(d.share)} of its residents`
        : d.listedExtent === 'part' && d.residentsWhereListed > 0
          ? d.whereListedAtLeast
            ? `an unspecified part of the residents who live where it is listed (at least ${n}, ${of})`
            : `an unspecified part of the ${n} residents (${of}) who live where it is listed`
          : 'an unspecified part of its residents (the areas it comes through do not say which)';
  const through = d.via.map((v) => (v.share !== null ? `${v.name} (${somePercent(v.share)} of residents)` : v.name)).join(', ');
  return `${CATEGORY_LABELS[d.category]}, ${TABLE_LABEL[d.table]}: ${howSure(d, false)}; ${extent}${through ? `; through ${through}` : ''}`;
}
