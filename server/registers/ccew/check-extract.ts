// Checks a Charity Commission extract record by record and keeps the registered main charities of
// the county: removed and linked charities, and those without a postcode in the county, are left
// out and counted by reason. The county comes first: a malformed record (a field the data definition
// does not allow) whose postcode is in the county is a rejection naming its line and field, and
// rejects the whole file, as for every register; one elsewhere in England and Wales is only counted
// and listed as odd, since the atlas would leave it out anyway.
import type { CheckedRows } from '../check-rows.ts';
import type { GroupInput, Rejection } from '../group-input.ts';
import { postcodeKey } from '../../domain/names.ts';
import { placeGroup, type Gazetteer } from '../place-group.ts';
import { CCEW_RECORD, CCEW_REQUIRED_FIELDS, charityPage, type CcewRecord } from './fields.ts';
import { readExtract, type ExtractForm, type ExtractRecord } from './read-extract.ts';

/** Why a record of the extract is not a group of the county; every record read is counted under one. */
export const EXCLUSION_REASONS = {
  removed: 'removed from the register (charity_registration_status "Removed" or a date_of_removal)',
  linked: 'a linked charity (linked_charity_number not 0), counted through its main charity',
  no_postcode: 'no charity_contact_postcode',
  postcode_not_found:
    "postcode not in the atlas's postcode file, which holds the county and the postcodes next to it: nearly all are elsewhere in England and Wales; a few may be mistyped or not postcodes",
  outside_county: 'postcode found, but its centroid is outside the county (e.g. Leicester City, Rutland or a neighbouring county)',
  odd_outside_county:
    'a record that does not follow the data definition (a field missing, too long or of the wrong kind) and whose postcode is not in the county: left out like any charity elsewhere, and listed under odd_records',
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

/** The category every kept charity is listed under. */
export const CHARITY_CATEGORY = 'registered charity';
/** Past this many malformed records the file is clearly not the extract; reading stops so memory stays bounded. */
export const MAX_MALFORMED = 10_000;
/** How many odd records outside the county the report lists (all are counted). */
export const ODD_RECORDS_LISTED = 20;

export interface CheckedExtract extends CheckedRows {
  form: ExtractForm | null;
  /** Records left out on purpose, by reason (not rejections: the file is as the Commission publishes it). */
  excluded: Record<ExclusionReason, number>;
  /** date_of_extract of the first record, when given. */
  dateOfExtract: string | null;
  /** The first few odd records outside the county (counted under excluded.odd_outside_county), each with its line and field. */
  oddRecords: Rejection[];
}

function recordProblem(item: ExtractRecord, field: string, message: string): Rejection {
  const where = item.form === 'json' ? `record ${item.record} (line ${item.line})` : `line ${item.line}`;
  return { line: item.line, field, kind: 'invalid_value', reason: `${where}: ${field} ${message}` };
}

/**
 * The text as a string of its own. A cell cut from a line of the text file is a slice that keeps the
 * whole chunk it was read from alive: 200,000 kept names held every chunk of the file (over 256 MB).
 */
const ownCopy = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

/** What could be a postcode, however typed (spaces, case): only such cells are looked up. */
const POSTCODE_LIKE = /^\s*[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\s*$/;

/** Removed and linked charities are not counted, and a charity with no postcode cannot be placed. */
function exclusion(r: CcewRecord): ExclusionReason | null {
  if (r.charity_registration_status === 'Removed' || r.date_of_removal !== null) return 'removed';
  if (r.linked_charity_number !== 0) return 'linked';
  if (r.charity_contact_postcode === '') return 'no_postcode';
  return null;
}

/** Distinct postcodes remembered during one import: charities share postcodes (town halls, churches), and each
 *  look-up is an SQLite query and a point-in-polygon test. Bounded so an England-wide extract stays small. */
export const POSTCODES_REMEMBERED = 50_000;

function remembering(gazetteer: Gazetteer): Gazetteer {
  const found = new Map<string, ReturnType<Gazetteer['postcode']>>();
  const inside = new Map<string, boolean>();
  const remember = <K, V>(map: Map<K, V>, key: K, value: V) => (map.size < POSTCODES_REMEMBERED && map.set(key, value), value);
  return {
    ...gazetteer,
    postcode: (key) => (found.has(key) ? found.get(key) : remember(found, key, gazetteer.postcode(key))),
    inCounty: (lon, lat) => inside.get(`${lon},${lat}`) ?? remember(inside, `${lon},${lat}`, gazetteer.inCounty(lon, lat)),
  };
}

export async function checkExtract(path: string, county: Gazetteer): Promise<CheckedExtract> {
  const gazetteer = remembering(county);
  const excluded: Record<ExclusionReason, number> = { removed: 0, linked: 0, no_postcode: 0, postcode_not_found: 0, outside_county: 0, odd_outside_county: 0 };
  const oddRecords: Rejection[] = [];
  /** Whether the record's postcode, as typed, is one of the county's: only then can a malformed record matter. */
  const inCounty = (cells: Record<string, unknown>) => {
    const typed = cells.charity_contact_postcode;
    const found = typeof typed === 'string' && typed.length <= 40 ? gazetteer.postcode(postcodeKey(typed)) : undefined;
    return found !== undefined && gazetteer.inCounty(found.lon, found.lat);
  };
  const isCountyPostcode = (cell: string) => {
    if (!POSTCODE_LIKE.test(cell)) return false;
    const found = gazetteer.postcode(postcodeKey(cell));
    return found !== undefined && gazetteer.inCounty(found.lon, found.lat);
  };
  const malformed = (item: ExtractRecord, problem: Rejection) => {
    if (inCounty(item.cells)) rejections.push(problem);
    else if (++excluded.odd_outside_county <= ODD_RECORDS_LISTED) oddRecords.push(problem);
  };
  const groups: GroupInput[] = [];
  const rejections: Rejection[] = [];
  let rowsRead = 0;
  let dateOfExtract: string | null = null;
  let form: ExtractForm | null = null;
  for await (const item of readExtract(path)) {
    if (item.kind === 'problem') {
      const problem: Rejection = { line: item.line, field: item.field, kind: item.fatal ? 'bad_file' : 'invalid_value', reason: item.reason };
      if (item.fields) {
        // A text line with a tab too many: its columns are shifted, so any field holding a county postcode makes it the county's.
        rowsRead++;
        if (item.fields.some(isCountyPostcode)) rejections.push(problem);
        else if (++excluded.odd_outside_county <= ODD_RECORDS_LISTED) oddRecords.push(problem);
        continue;
      }
      rejections.push(problem);
      if (item.fatal) break;
      continue;
    }
    rowsRead++;
    form ??= item.form;
    const missing = CCEW_REQUIRED_FIELDS.find((f) => !(f in item.cells));
    if (missing) {
      malformed(item, recordProblem(item, missing, 'is missing'));
    } else {
      const parsed = CCEW_RECORD.safeParse(item.cells);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        malformed(item, recordProblem(item, String(issue.path[0]), issue.message));
      } else if (rejections.length === 0) {
        // Once a record is refused nothing will be stored: only keep checking, so every problem is listed.
        const r = parsed.data;
        dateOfExtract ??= typeof item.cells.date_of_extract === 'string' ? item.cells.date_of_extract.slice(0, 10) : null;
        const reason = exclusion(r);
        if (reason) excluded[reason]++;
        else {
          const placed = placeGroup(
            { name: ownCopy(r.charity_name), category: CHARITY_CATEGORY, postcode: r.charity_contact_postcode, lon: '', lat: '', area_code: '', source: '', url: charityPage(r.organisation_number), summary: '' },
            item.line,
            gazetteer,
          );
          if ('kind' in placed) excluded[placed.kind === 'outside_county' ? 'outside_county' : 'postcode_not_found']++;
          else {
            placed.charity = { number: r.registered_charity_number, registeredOn: r.date_of_registration, latestIncome: r.latest_income };
            groups.push(placed);
          }
        }
      }
    }
    if (rejections.length >= MAX_MALFORMED) {
      rejections.push({ line: item.line, field: null, kind: 'bad_file', reason: `more than ${MAX_MALFORMED.toLocaleString('en-GB')} malformed records; reading stopped at line ${item.line}. Is this the charity table of the register extract?` });
      break;
    }
  }
  if (rowsRead === 0 && rejections.length === 0) rejections.push({ line: 0, field: null, kind: 'bad_file', reason: 'the extract holds no charities' });
  return {
    format: 'ccew',
    form,
    rowsRead,
    groups: rejections.length ? [] : groups,
    rejections,
    ignoredColumns: [],
    excluded,
    dateOfExtract,
    oddRecords,
  };
}
