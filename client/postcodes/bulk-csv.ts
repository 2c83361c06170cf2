// Many postcodes at once, as tables: reading a pasted column or an uploaded CSV (finding its postcode
// column), and writing the answer as CSV that keeps every input column and adds each postcode's areas
// and services at the finest area known. Pure, so it is tested without a browser.
import { csvLine } from '../../server/domain/csv-text.ts';
import { layerIds, tableColumn } from '../state/layer-catalog.ts';
import type { LayerId, PostcodeResult } from '../types.ts';

/** The most rows one list may have: the server's limit (POST /api/postcodes refuses more). */
export const BULK_MAX = 10_000;

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); a text with tabs and no commas is read as tab-separated (a spreadsheet paste). */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const sep = body.includes('\t') && !body.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

const POSTCODE_HEADER = /^(post\s*code|postcode|pcds?|pcd7|pcd8|post_code|postal\s*code)$/i;
const LOOKS_LIKE_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

export interface BulkInput {
  /** The header row, or null when the first row is already data (a pasted column). */
  header: string[] | null;
  rows: string[][];
  /** Which column holds the postcodes. */
  column: number;
}

/**
 * The postcode column: a header named like "postcode" (or "pcds"), else the first column whose first
 * row looks like a postcode (then there is no header), else the first column under a header.
 */
export function readBulkInput(text: string): BulkInput {
  const all = parseCsv(text);
  if (all.length === 0) return { header: null, rows: [], column: 0 };
  const first = all[0].map((v) => v.trim());
  const named = first.findIndex((v) => POSTCODE_HEADER.test(v));
  if (named >= 0) return { header: first, rows: all.slice(1), column: named };
  const shaped = first.findIndex((v) => LOOKS_LIKE_POSTCODE.test(v));
  if (shaped >= 0) return { header: null, rows: all, column: shaped };
  return { header: first, rows: all.slice(1), column: 0 };
}

export const postcodesOf = (input: BulkInput) => input.rows.map((r) => (r[input.column] ?? '').trim());

/** Each layer and its column, in the server's order (from /api/layers). */
const areaColumns = (): [LayerId, string][] => layerIds().map((id) => [id, tableColumn(id)]);

/** Words for a service's answer in a cell, one home for the table and the CSV. */
export const answerWord = (s: PostcodeResult['services'][number]) =>
  s.extent === 'whole' ? 'yes' : s.extent === 'part' ? `part${s.share != null ? ` (${s.at_least ? 'at least ' : ''}${Math.round(s.share * 100)}%)` : ''}` : 'no';

/** The input's own columns, then whether the postcode was found, where it is, its areas and each service with the area that settles it. */
export function bulkCsv(input: BulkInput, results: readonly PostcodeResult[], services: readonly { id: string; short_name: string }[]): string {
  const width = Math.max(input.header?.length ?? 0, ...input.rows.map((r) => r.length));
  const own = input.header ? [...input.header, ...Array.from({ length: width - input.header.length }, (_, i) => `column_${input.header!.length + i + 1}`)] : Array.from({ length: width }, (_, i) => (i === input.column ? 'postcode_given' : `column_${i + 1}`));
  const header = [
    ...own,
    'found', 'matched_postcode', 'lon', 'lat',
    ...areaColumns().flatMap(([, w]) => [`${w}_code`, `${w}_name`]),
    ...services.flatMap((s) => [s.short_name, `${s.short_name} share`, `${s.short_name} share is a lower bound`, `${s.short_name} share of`, `${s.short_name} decided by`]),
  ];
  let out = csvLine(header);
  input.rows.forEach((row, i) => {
    const r = results[i];
    const byId = new Map((r?.services ?? []).map((s) => [s.id, s]));
    out += csvLine([
      ...Array.from({ length: width }, (_, c) => row[c] ?? ''),
      r?.found ? 'yes' : 'no', r?.postcode ?? '', r?.lon ?? '', r?.lat ?? '',
      ...areaColumns().flatMap(([layer]) => [r?.areas[layer]?.code ?? '', r?.areas[layer]?.name ?? '']),
      ...services.flatMap((s) => {
        const a = byId.get(s.id as never);
        if (!a) return ['', '', '', '', ''];
        const part = a.extent === 'part';
        return [a.extent === 'whole' ? 'yes' : part ? 'part' : 'no', part ? (a.share ?? '') : '', part ? (a.at_least ? 'yes' : 'no') : '', part ? (a.share_of ?? '') : '', a.decided_by ?? ''];
      }),
    ]);
  });
  return out;
}
