// The Charity Commission for England and Wales register extract, `publicextract.charity` table, as
// its "Register of Charities data definition" lists it: the official field names in file order, and
// the zod schema of the fields the atlas reads. JSON and tab-separated files carry the same fields.
import { z } from 'zod';
import { NO_CONTROL_CHARACTERS } from '../group-input.ts';

/** Every field of the charity table, in the order of the data definition and of the published files. */
export const CCEW_CHARITY_FIELDS = [
  'date_of_extract', 'organisation_number', 'registered_charity_number', 'linked_charity_number', 'charity_name',
  'charity_type', 'charity_registration_status', 'date_of_registration', 'date_of_removal', 'charity_reporting_status',
  'latest_acc_fin_period_start_date', 'latest_acc_fin_period_end_date', 'latest_income', 'latest_expenditure',
  'charity_contact_address1', 'charity_contact_address2', 'charity_contact_address3', 'charity_contact_address4', 'charity_contact_address5',
  'charity_contact_postcode', 'charity_contact_phone', 'charity_contact_email', 'charity_contact_web',
  'charity_company_registration_number', 'charity_insolvent', 'charity_in_administration', 'charity_previously_excepted',
  'charity_is_cdf_or_cif', 'charity_is_cio', 'cio_is_dissolved', 'date_cio_dissolution_notice', 'charity_activities',
  'charity_gift_aid', 'charity_has_land',
] as const;

/** The fields the importer reads; a file without any of them is not the charity table. */
export const CCEW_REQUIRED_FIELDS = [
  'organisation_number', 'registered_charity_number', 'linked_charity_number', 'charity_name', 'charity_registration_status',
  'date_of_registration', 'date_of_removal', 'latest_income', 'charity_contact_postcode',
] as const;

/** JSON gives null, the text file an empty cell: both mean "not given". */
const absent = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

const whole = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z.number({ error: 'must be a whole number' }).int('must be a whole number').nonnegative('must not be negative'),
);

/** Dates come as 2024-05-01T00:00:00 (JSON) or 2024-05-01 00:00:00 (text); kept as the day. */
const DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const date = z.preprocess(
  (v) => (absent(v) ? null : v),
  z.string().trim().regex(DATE, 'must be a date such as 2024-05-01').transform((s) => s.slice(0, 10)).nullable(),
);

const money = z.preprocess(
  (v) => (absent(v) ? null : typeof v === 'string' ? (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v) : v),
  z.number({ error: 'must be an amount in pounds, such as 12345.67' }).finite().nullable(),
);

const text = (max: number) =>
  z.preprocess(
    (v) => (absent(v) ? '' : v),
    z.string({ error: 'must be text' }).trim().max(max, `is longer than ${max} characters`).regex(NO_CONTROL_CHARACTERS, 'contains a control character (such as NUL)'),
  );

/** One record of the charity table, as far as the atlas reads it; other fields are passed over. */
export const CCEW_RECORD = z.object({
  organisation_number: whole,
  registered_charity_number: whole.refine((n) => n > 0, 'must be a charity number above 0'),
  linked_charity_number: whole,
  charity_name: text(500).refine((s) => s !== '', 'is empty'),
  charity_registration_status: z.enum(['Registered', 'Removed'], { error: 'must be "Registered" or "Removed"' }),
  date_of_registration: date,
  date_of_removal: date,
  latest_income: money,
  // Free text typed by charities; anything that is not a postcode is reported as not found, not refused.
  charity_contact_postcode: text(40),
});

export type CcewRecord = z.output<typeof CCEW_RECORD>;

/** The charity's page on the public register (addressed by organisation number), with everything the atlas does not keep. */
export const charityPage = (organisation: number) => `https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/${organisation}/charity-overview`;
