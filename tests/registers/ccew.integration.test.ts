// The Charity Commission importer (format=ccew) on extracts the test writes in the official layout:
// JSON and tab-separated text, in process, through the CLI and over HTTP. Registered main charities
// with a county postcode are kept with their number, name, registration date and income; the rest
// are counted by reason; a malformed record names its line and field and nothing is imported.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/config/config.ts';
import { createApp } from '../../server/http/app.ts';
import { createContext } from '../../server/http/context.ts';
import { analysisTables } from '../../server/http/controllers/analysis.ts';
import { CCEW_CHARITY_FIELDS } from '../../server/registers/ccew/fields.ts';
import { charityRow, jsonRecord, textLine } from '../../tools/synthetic-ccew-extract.ts';
import type { GroupRegisters } from '../../server/registers/group-registers.ts';
import { RegisterError } from '../../server/registers/register-name.ts';
import type { AtlasStore } from '../../server/store/atlas-store.ts';
import { GEODATA_DIR } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';
import { extractFile, extractRows, sharedPostcodes, type SharedPostcodes } from './ccew-fixture.ts';
import { atlasDbPath, freshRegistersPath, openRegisters, openStore, testApp } from './support.ts';

let store: AtlasStore;
let registers: GroupRegisters;
let postcodes: SharedPostcodes;

beforeAll(() => {
  store = openStore();
  registers = openRegisters(store);
  postcodes = sharedPostcodes(store);
});
afterAll(() => {
  registers.close();
  store.close();
});

const EXCLUDED = { removed: 1, linked: 1, no_postcode: 1, postcode_not_found: 1, outside_county: 1 };

function expectedLsoaCounts() {
  const counts = new Map<string, number>();
  for (const p of postcodes.inside) counts.set(p.lsoa, (counts.get(p.lsoa) ?? 0) + 1);
  return counts;
}

describe.each(['json', 'tsv'] as const)('the %s extract', (form) => {
  it('keeps the registered main charities of the county and counts what it leaves out, by reason', async () => {
    const path = extractFile(form, extractRows(postcodes));
    const report = await registers.importExtract({ register: `charities-${form}`, format: 'ccew', path, fileName: 'publicextract.charity' });
    expect(report).toMatchObject({ status: 'imported', format: 'ccew', rows_read: 8, imported: 3, rejected: 0, excluded: { total: 5, by_reason: EXCLUDED }, extract: { form, date_of_extract: '2025-11-03' } });
    expect(report.source).toContain('Charity Commission for England and Wales (register extract of 2025-11-03');
    const register = registers.get(`charities-${form}`)!;
    expect(register.comparison).toBe('registered_charities');
    const scouts = register.groups.find((g) => g.name === 'Wigston Scouts')!;
    expect(scouts).toMatchObject({ category: 'registered charity', locatedBy: 'postcode', charity: { number: 1_100_001, registeredOn: '1965-02-01', latestIncome: 12345.67 } });
    expect(scouts.url).toBe('https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/5000001/charity-overview');
    expect(register.groups.find((g) => g.charity?.number === 1_100_003)!.charity!.latestIncome).toBeNull();
    expect(new Map(registers.counts('lsoas', [`charities-${form}`]))).toEqual(expectedLsoaCounts());
  });

  it('names the line and field of a malformed record, imports nothing and keeps the register as it was', async () => {
    const rows: (ReturnType<typeof charityRow> | string)[] = extractRows(postcodes);
    // Malformed records of the county (their postcodes are in it) refuse the file.
    rows.splice(2, 0, charityRow(9, { linked_charity_number: 'one', charity_contact_postcode: postcodes.inside[0].postcode }));
    rows.push(charityRow(10, { charity_registration_status: 'Active', charity_contact_postcode: postcodes.inside[1].postcode }));
    const before = registers.get(`charities-${form}`)!.importedAt;
    const path = extractFile(form, rows);
    let refused: RegisterError | null = null;
    try {
      await registers.importExtract({ register: `charities-${form}`, format: 'ccew', path });
    } catch (err) {
      refused = err as RegisterError;
    }
    expect(refused).toBeInstanceOf(RegisterError);
    expect(refused!.status).toBe(422);
    // JSON: "[" then one record a line from line 2; text: the header is line 1.
    const line = (index: number) => index + 2;
    expect(refused!.report!.rejections.map((r) => [r.line, r.field])).toEqual([
      [line(2), 'linked_charity_number'],
      [line(9), 'charity_registration_status'],
    ]);
    expect(refused!.report!.rejections[0].reason).toMatch(form === 'json' ? /^record 3 \(line 4\): linked_charity_number must be a whole number/ : /^line 4: linked_charity_number must be a whole number/);
    expect(refused!.report!.imported).toBe(0);
    expect(registers.get(`charities-${form}`)!.importedAt).toBe(before);
  });
});

describe.each(['json', 'tsv'] as const)('odd records elsewhere in the %s extract', (form) => {
  it('are counted and listed with their line and field, and the county is imported', async () => {
    const rows: ReturnType<typeof charityRow>[] = extractRows(postcodes);
    // A 50-character "postcode" and a status the definition does not have, neither in the county.
    rows.splice(1, 0, charityRow(11, { charity_contact_postcode: 'Unit 4, The Old Mill, Riverside Road, Hebden Bridg' }));
    rows.push(charityRow(12, { charity_registration_status: 'Active', charity_contact_postcode: postcodes.outside[0] }));
    const report = await registers.importExtract({ register: `odd-${form}`, format: 'ccew', path: extractFile(form, rows) });
    expect(report).toMatchObject({ status: 'imported', rows_read: 10, imported: 3, rejected: 0, excluded: { total: 7, by_reason: { ...EXCLUDED, odd_outside_county: 2 } } });
    const line = (index: number) => index + 2;
    expect(report.excluded!.odd_records.map((r) => [r.line, r.field])).toEqual([
      [line(1), 'charity_contact_postcode'],
      [line(9), 'charity_registration_status'],
    ]);
    expect(report.excluded!.odd_records[0].reason).toMatch(/charity_contact_postcode is longer than 40 characters/);
  });
});

/** The report of an import that must be refused. */
async function refusal(importing: Promise<unknown>) {
  const err = await importing.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegisterError);
  return (err as RegisterError).report!;
}

describe('a damaged extract', () => {
  it('names a text line with a tab too many', async () => {
    const good = extractRows(postcodes);
    const path = extractFile('tsv', [good[0], `${textLine(good[1])}\tstray`, good[2]]);
    await expect(registers.importExtract({ register: 'damaged', format: 'ccew', path })).rejects.toThrow(/line 3 has 35 fields but the header has 34/);
  });

  // The county first: a stray tab shifts the columns, so a line is the county's if any field holds a county postcode.
  it('counts a text line with a tab too many as odd when none of its fields is a county postcode, and imports the county', async () => {
    const good = extractRows(postcodes);
    const path = extractFile('tsv', [...good, `${textLine(good[6])}\tstray`]);
    const report = await registers.importExtract({ register: 'stray-tab', format: 'ccew', path });
    expect(report).toMatchObject({ status: 'imported', rows_read: 9, imported: 3, excluded: { by_reason: { ...EXCLUDED, odd_outside_county: 1 } } });
    expect(report.excluded!.odd_records.map((r) => [r.line, r.reason])).toEqual([[10, expect.stringMatching(/^line 10 has 35 fields but the header has 34/)]]);
  });

  it('reads a line break inside a text field as part of its record', async () => {
    const rows = extractRows(postcodes).slice(0, 3);
    rows[1] = { ...rows[1], charity_activities: 'Line one\nline two' };
    const report = await registers.importExtract({ register: 'broken-line', format: 'ccew', path: extractFile('tsv', rows) });
    expect(report).toMatchObject({ rows_read: 3, imported: 3 });
  });

  // stream-json stops at broken JSON (a parser cannot know where the next record starts), so the file
  // is refused there, naming the record and its line; a well-formed record missing a field is only that record.
  it('stops at a JSON record that is not valid JSON, naming its record and line', async () => {
    const good = extractRows(postcodes);
    const path = extractFile('json', [good[0], jsonRecord(good[1]).replace(':0,', ':0,,'), jsonRecord(good[2])]);
    const report = await refusal(registers.importExtract({ register: 'damaged', format: 'ccew', path }));
    expect(report.rejections.map((r) => [r.line, r.field, r.kind])).toEqual([[3, null, 'bad_file']]);
    expect(report.rejections[0].reason).toMatch(/^record 2 \(line 3\) is not valid JSON/);
    expect(registers.get('damaged')).toBeUndefined();
  });

  it('names a JSON record of the county that lacks a field, with its line and field', async () => {
    const good = extractRows(postcodes);
    const { charity_name: _, ...nameless } = JSON.parse(jsonRecord(good[2]));
    const path = extractFile('json', [good[0], good[1], JSON.stringify(nameless)]);
    const report = await refusal(registers.importExtract({ register: 'damaged', format: 'ccew', path }));
    expect(report.rejections.map((r) => [r.line, r.field])).toEqual([[4, 'charity_name']]);
    expect(registers.get('damaged')).toBeUndefined();
  });

  it('refuses a file that is not the charity table, naming the fields it lacks', async () => {
    const path = extractFile('tsv', []);
    const other = path.replace(/\.txt$/, '.other.txt');
    writeFileSync(other, 'name\tcategory\nA\tB\n');
    await expect(registers.importExtract({ register: 'damaged', format: 'ccew', path: other })).rejects.toThrow(/header has no "organisation_number"/);
  });
});

describe('npm run import:groups with a ccew extract', () => {
  it('prints what it kept and what it left out, by reason, and stores the register', () => {
    const registersDb = freshRegistersPath();
    const path = extractFile('json', extractRows(postcodes));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/import-groups.ts', path, '--register', 'charities'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, ATLAS_DB: atlasDbPath(), ATLAS_REGISTERS_DB: registersDb, GEODATA_DIR },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Register "charities" imported from publicextract.charity.json: 8 rows read, 3 imported, 0 rejected.');
    expect(r.stdout).toContain('left out: 5 of 8 rows (JSON extract of 2025-11-03)');
    for (const reason of Object.keys(EXCLUDED)) expect(r.stdout).toMatch(new RegExp(`    ${reason.replace(/_/g, ' ')}: 1 \\(`));
    const seen = openRegisters(store, registersDb);
    try {
      expect(seen.get('charities')).toMatchObject({ rows: 3, comparison: 'registered_charities' });
    } finally {
      seen.close();
    }
  });
});

/**
 * One record written by hand from the Commission's "Register of charities data definition" (the
 * charity table's fields and their JSON types), not by the project's generator: the kind of record
 * the download holds, for a registered main charity at a county postcode.
 */
const definitionRecord = (postcode: string) => ({
  date_of_extract: '2025-11-03T00:00:00', organisation_number: 5123456, registered_charity_number: 1187654, linked_charity_number: 0,
  charity_name: 'KIBWORTH VILLAGE HALL TRUST', charity_type: 'Trust', charity_registration_status: 'Registered',
  date_of_registration: '2019-12-20T00:00:00', date_of_removal: null, charity_reporting_status: 'Submission Received',
  latest_acc_fin_period_start_date: '2024-04-01T00:00:00', latest_acc_fin_period_end_date: '2025-03-31T00:00:00',
  latest_income: 23456.0, latest_expenditure: 21000.5, charity_contact_address1: 'Village Hall', charity_contact_address2: 'Main Street',
  charity_contact_address3: 'Kibworth', charity_contact_address4: 'Leicestershire', charity_contact_address5: null,
  charity_contact_postcode: postcode, charity_contact_phone: null, charity_contact_email: null, charity_contact_web: null,
  charity_company_registration_number: null, charity_insolvent: false, charity_in_administration: false, charity_previously_excepted: null,
  charity_is_cdf_or_cif: null, charity_is_cio: false, cio_is_dissolved: null, date_cio_dissolution_notice: null,
  charity_activities: 'Provides a village hall for the use of the inhabitants of Kibworth.', charity_gift_aid: true, charity_has_land: true,
});

/** A zip written by Python's zipfile (deflated), as an independent writer: members are [file, name in the zip]. */
function zipOf(members: [string, string][]): string {
  const out = join(tempDir('ccew-zip'), 'publicextract.charity.zip');
  const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)\nfor f, n in zip(sys.argv[2::2], sys.argv[3::2]): z.write(f, arcname=n)\nz.close()';
  const r = spawnSync('python3', ['-c', script, out, ...members.flat()], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return out;
}

/**
 * The text form written by hand from the data definition's charity table (its field names typed out
 * here, not taken from the project's list or generator), as the Commission's text file is laid out:
 * a byte-order mark, tab-separated, unquoted (a double quote is a character like any other), CRLF.
 */
describe('a text extract written from the data definition', () => {
  it('is read field by field, quotes and all, and its charity kept', async () => {
    const header = [
      'date_of_extract', 'organisation_number', 'registered_charity_number', 'linked_charity_number', 'charity_name', 'charity_type',
      'charity_registration_status', 'date_of_registration', 'date_of_removal', 'charity_reporting_status', 'latest_acc_fin_period_start_date',
      'latest_acc_fin_period_end_date', 'latest_income', 'latest_expenditure', 'charity_contact_address1', 'charity_contact_address2',
      'charity_contact_address3', 'charity_contact_address4', 'charity_contact_address5', 'charity_contact_postcode', 'charity_contact_phone',
      'charity_contact_email', 'charity_contact_web', 'charity_company_registration_number', 'charity_insolvent', 'charity_in_administration',
      'charity_previously_excepted', 'charity_is_cdf_or_cif', 'charity_is_cio', 'cio_is_dissolved', 'date_cio_dissolution_notice',
      'charity_activities', 'charity_gift_aid', 'charity_has_land',
    ];
    const record = [
      '2025-11-03 00:00:00', '5123457', '1187655', '0', 'THE "OLD SCHOOL" ROOMS TRUST', 'Trust', 'Registered', '2019-12-20 00:00:00', '',
      'Submission Received', '2024-04-01 00:00:00', '2025-03-31 00:00:00', '23456.00', '21000.50', 'Old School', 'Main Street', '', '', '',
      postcodes.inside[1].postcode, '', '', '', '', 'False', 'False', '', '', 'False', '', '', 'Rooms for hire; "warm space" on Tuesdays', 'True', 'True',
    ];
    expect(header).toEqual([...CCEW_CHARITY_FIELDS]);
    const path = join(tempDir('ccew-def-text'), 'publicextract.charity.txt');
    writeFileSync(path, `\uFEFF${header.join('\t')}\r\n${record.join('\t')}\r\n`);
    const report = await registers.importExtract({ register: 'definition-text', format: 'ccew', path });
    expect(report).toMatchObject({ status: 'imported', rows_read: 1, imported: 1, extract: { form: 'tsv', date_of_extract: '2025-11-03' } });
    expect(registers.get('definition-text')!.groups[0]).toMatchObject({ name: 'THE "OLD SCHOOL" ROOMS TRUST', charity: { number: 1187655, registeredOn: '2019-12-20', latestIncome: 23456 } });
  });
});

describe("the Commission's download, publicextract.charity.zip, as it is", () => {
  const cli = (file: string, registersDb: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/import-groups.ts', file, '--register', 'charities', '--json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, ATLAS_DB: atlasDbPath(), ATLAS_REGISTERS_DB: registersDb, GEODATA_DIR },
    });

  it('is unpacked and read: a record written from the data definition is kept, the rest counted', () => {
    const json = join(tempDir('ccew-def'), 'publicextract.charity.json');
    const rows = extractRows(postcodes).map((r) => JSON.parse(jsonRecord(r)));
    writeFileSync(json, '\uFEFF[' + [...rows, definitionRecord(postcodes.inside[1].postcode)].map((r) => JSON.stringify(r)).join(',\r\n') + ']');
    const r = cli(zipOf([[json, 'publicextract.charity.json']]), freshRegistersPath());
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ status: 'imported', format: 'ccew', rows_read: 9, imported: 4, excluded: { total: 5, by_reason: EXCLUDED }, extract: { form: 'json', date_of_extract: '2025-11-03' } });
  });

  it('is refused, naming what it holds, when it has no charity table', () => {
    const other = join(tempDir('ccew-other'), 'publicextract.trustee.json');
    writeFileSync(other, '[]');
    const r = cli(zipOf([[other, 'publicextract.trustee.json']]), freshRegistersPath());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the zip holds no publicextract.charity.json or publicextract.charity.txt (it holds publicextract.trustee.json)');
  });
});

describe('POST /api/registers?format=ccew', () => {
  const TOKEN = 'ccew-token';
  let app: ReturnType<typeof testApp>['app'];
  let groups: GroupRegisters;
  beforeAll(() => ({ app, groups } = testApp(store, TOKEN, freshRegistersPath())));
  afterAll(() => groups.close());
  const post = (query: string) => request(app).post(`/api/registers${query}`).set('Authorization', `Bearer ${TOKEN}`);

  it('imports the text extract in the import worker and answers with the exclusions; the charity figure then fits', async () => {
    const body = readFileSync(extractFile('tsv', extractRows(postcodes)));
    const res = await post('?register=charities&format=ccew').set('Content-Type', 'text/tab-separated-values').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ format: 'ccew', imported: 3, excluded: { total: 5, by_reason: EXCLUDED } });
    const layer = await request(app).get('/api/layers/lsoas.geojson?registers=charities&properties=code,groups');
    expect(layer.body.density.reference.comparison).toBe('registered_charities');
    expect(layer.body.density.county.groups).toBe(3);
    const points = await request(app).get('/api/groups.geojson?register=charities');
    expect(points.body.features.map((f: { properties: { charity_number: number } }) => f.properties.charity_number).sort()).toEqual([1_100_001, 1_100_002, 1_100_003]);
  });

  it('answers a malformed JSON extract with problem+json naming the record, line and field', async () => {
    const rows: (ReturnType<typeof charityRow> | string)[] = extractRows(postcodes);
    rows.push(charityRow(11, { date_of_registration: '17/04/2012', charity_contact_postcode: postcodes.inside[2].postcode }));
    const res = await post('?register=charities&format=ccew').set('Content-Type', 'application/json').send(readFileSync(extractFile('json', rows), 'utf8'));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.report.rejections).toEqual([expect.objectContaining({ line: 10, field: 'date_of_registration' })]);
    expect(res.body.detail).toContain('record 9 (line 10): date_of_registration must be a date');
    const kept = await request(app).get('/api/registers/charities');
    expect(kept.body).toMatchObject({ rows: 3, comparison: 'registered_charities' });
  });

  it('imports the downloaded zip as it is, in the import worker', async () => {
    const res = await post('?register=charities-zip&format=ccew').set('Content-Type', 'application/zip').send(readFileSync(zipOf([[extractFile('tsv', extractRows(postcodes)), 'publicextract.charity.txt']])));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ format: 'ccew', imported: 3, excluded: { total: 5, by_reason: EXCLUDED }, extract: { form: 'tsv' } });
  });

  it('refuses another comparison for a charity register', async () => {
    const res = await post('?register=charities&format=ccew&comparison=local_vcs_directory').set('Content-Type', 'application/json').send(readFileSync(extractFile('json', extractRows(postcodes)), 'utf8'));
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/comparison is registered_charities/);
  });
});

it('writes every field of the data definition, in order', () => {
  const path = extractFile('tsv', [charityRow(1)]);
  expect(readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\r\n')[0].split('\t')).toEqual([...CCEW_CHARITY_FIELDS]);
  expect(CCEW_CHARITY_FIELDS).toHaveLength(34);
});

describe('analysis tables after an import', () => {
  it('are worked out when the import finishes, before anyone asks, and answer what a fresh count gives', async () => {
    const groups = openRegisters(store, freshRegistersPath());
    const ctx = createContext(store, groups, { adminToken: 'warm-token', basemapStyleUrl: null, clientDir: join(tempDir('noclient'), 'none') });
    const app = createApp(ctx);
    const tables = analysisTables(ctx);
    const ask = { id: 'density-by-imd', layer: 'lsoas' as const, registers: ['charities'], districts: null };
    try {
      await tables.settled();
      const res = await request(app).post('/api/registers?register=charities&format=ccew').set('Authorization', 'Bearer warm-token').set('Content-Type', 'text/plain').send(readFileSync(extractFile('tsv', extractRows(postcodes)), 'utf8'));
      expect(res.status).toBe(201);
      expect(tables.has(ask)).toBe(false);
      await new Promise((r) => setImmediate(r)); // the change is told after the import's own work
      await tables.settled();
      expect(tables.has(ask)).toBe(true);
      expect(tables.has({ ...ask, id: 'ranked', layer: 'parishes' })).toBe(true);
      expect(tables.size).toBeGreaterThan(0);
      expect(tables.size).toBeLessThanOrEqual(tables.maxBytes);
      const answer = await request(app).get('/api/analysis/density-by-imd?registers=charities');
      const byDecile = new Map<number, number>();
      for (const p of postcodes.inside) {
        const d = store.area(p.lsoa, 'lsoas')!.imd!.decile;
        byDecile.set(d, (byDecile.get(d) ?? 0) + 1);
      }
      expect(answer.body.rows.filter((r: { groups: number }) => r.groups > 0).map((r: { imd_decile: number; groups: number }) => [r.imd_decile, r.groups])).toEqual([...byDecile].sort((a, b) => a[0] - b[0]));
    } finally {
      await tables.settled();
      groups.close();
    }
  });
});
