// One group as a register gives it: the row as read (any format), its validation, and how it is
// placed on the map (postcode, coordinates, area code, or county-wide). No I/O here.
import { z } from 'zod';

export type LocatedBy = 'postcode' | 'coordinates' | 'area_code' | 'county';

/** A validated, geocoded group: what the registers database stores. */
export interface GroupInput {
  /** CSV line number, or GeoJSON feature number (1-based). */
  line: number;
  name: string;
  category: string;
  locatedBy: LocatedBy;
  /** The postcode in display form, when the row was geocoded by postcode. */
  postcode: string | null;
  areaCode: string | null;
  /** The point given or geocoded; null for area codes (their label point is used) and county-wide groups. */
  lon: number | null;
  lat: number | null;
  source: string | null;
  url: string | null;
  summary: string | null;
  /** Why a group is listed but not counted in any area (e.g. "closed"), beyond being county-wide. */
  listedOnly?: string;
  /** What the Charity Commission's register says of it, for groups imported from its extract. */
  charity?: CharityFacts;
}

export interface CharityFacts {
  /** registered_charity_number */
  number: number;
  /** date_of_registration, as YYYY-MM-DD */
  registeredOn: string | null;
  /** latest_income in pounds (Part A of the latest annual return) */
  latestIncome: number | null;
}

/** A row as read, before validation: text cells by column name (GeoJSON coordinates as numbers). */
export interface RawRow {
  line: number;
  cells: Record<string, string | number | undefined>;
}

export type RejectionKind = 'bad_file' | 'empty_field' | 'invalid_value' | 'no_location' | 'unknown_postcode' | 'outside_county' | 'unknown_area_code';

export interface Rejection {
  line: number;
  field: string | null;
  kind: RejectionKind;
  reason: string;
}

/** Text with no control characters but tab and line breaks (C0, DEL or C1): a NUL or escape byte in a name is corruption, not data. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;

const cell = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => (v === undefined ? '' : String(v).trim()))
  .refine((v) => NO_CONTROL_CHARACTERS.test(v), 'contains a control character (such as NUL)');
const limited = (max: number) => cell.refine((v) => v.length <= max, `is longer than ${max} characters`);

export const ROW_SCHEMA = z.object({
  name: limited(200),
  category: limited(100),
  postcode: limited(10),
  lon: cell,
  lat: cell,
  area_code: limited(9),
  source: limited(300),
  url: limited(500).refine((v) => v === '' || /^https?:\/\/\S+$/i.test(v), 'must be a web address starting http:// or https://'),
  summary: limited(1000),
});

export type ValidRow = z.output<typeof ROW_SCHEMA>;
export const REQUIRED_FIELDS = ['name', 'category'] as const;

/** Checks the cells of one row; returns the row or the first problem with it. */
export function validateRow(raw: RawRow): ValidRow | Rejection {
  const parsed = ROW_SCHEMA.safeParse(raw.cells);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0]);
    return { line: raw.line, field, kind: 'invalid_value', reason: `${field} ${issue.message}` };
  }
  for (const field of REQUIRED_FIELDS)
    if (parsed.data[field] === '') return { line: raw.line, field, kind: 'empty_field', reason: `required field "${field}" is empty` };
  return parsed.data;
}

export const isRejection = (v: object): v is Rejection => 'kind' in v && 'reason' in v;
