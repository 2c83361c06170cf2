// "Many postcodes at once" in the checker tab: paste a column or upload a CSV of up to 10,000
// postcodes, see each one's areas and services at the finest area known as a table, and download it
// as CSV with the input's own columns kept.
import { ApiError, api } from '../api.ts';
import { byId, fill, h } from '../dom.ts';
import { answerWord, BULK_MAX, bulkCsv, postcodesOf, readBulkInput, type BulkInput } from '../postcodes/bulk-csv.ts';
import type { PostcodeResult, ServiceInfo } from '../types.ts';

/** Rows drawn in the page; the CSV always has them all. */
const SHOWN_MAX = 1_000;

export class BulkPostcodes {
  private readonly text = byId<HTMLTextAreaElement>('bulk-text');
  private readonly file = byId<HTMLInputElement>('bulk-file');
  private readonly result = byId('bulk-result');
  private download: string | null = null;

  constructor(private readonly services: readonly ServiceInfo[]) {
    byId<HTMLFormElement>('bulk-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run();
    });
  }

  private async run(): Promise<void> {
    const upload = this.file.files?.[0];
    const source = upload ? await upload.text() : this.text.value;
    const input = readBulkInput(source);
    const postcodes = postcodesOf(input);
    if (postcodes.length === 0) return this.say('Paste at least one postcode, one per line, or choose a CSV file with a postcode column.');
    if (postcodes.length > BULK_MAX) return this.say(`That is ${postcodes.length.toLocaleString('en-GB')} rows; at most ${BULK_MAX.toLocaleString('en-GB')} postcodes can be answered at once. Split the list and try again.`);
    this.result.setAttribute('aria-busy', 'true');
    fill(this.result, h('p', {}, `Answering ${postcodes.length.toLocaleString('en-GB')} postcodes…`));
    try {
      const { results } = await api.postcodes(postcodes);
      this.show(input, results, upload?.name);
    } catch (err) {
      this.say(err instanceof ApiError ? err.message : 'The postcodes could not be answered.');
    } finally {
      this.result.removeAttribute('aria-busy');
    }
  }

  private say(text: string): void {
    fill(this.result, h('p', { role: 'alert' }, text));
  }

  private show(input: BulkInput, results: PostcodeResult[], fileName?: string): void {
    if (this.download) URL.revokeObjectURL(this.download);
    const csv = bulkCsv(input, results, this.services);
    this.download = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const found = results.filter((r) => r.found && r.areas.parishes).length;
    const name = `${(fileName ?? 'postcodes').replace(/\.csv$/i, '')}-services.csv`;
    const shown = results.slice(0, SHOWN_MAX);
    fill(
      this.result,
      h(
        'p',
        { 'data-testid': 'bulk-summary' },
        `${results.length.toLocaleString('en-GB')} postcodes: ${found.toLocaleString('en-GB')} found in the county, ${(results.length - found).toLocaleString('en-GB')} not found or outside it. ` +
          'Each service is answered at the finest area holding the postcode; “part” means no area holding it settles it.',
      ),
      h('p', {}, h('a', { href: this.download, download: name, 'data-testid': 'bulk-download' }, `Download CSV (${results.length.toLocaleString('en-GB')} rows, your columns kept)`)),
      results.length > SHOWN_MAX ? h('p', { class: 'muted' }, `The table shows the first ${SHOWN_MAX.toLocaleString('en-GB')} rows; the CSV has all ${results.length.toLocaleString('en-GB')}.`) : null,
      h(
        'div',
        { class: 'table-wrap bulk-table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'bulk-caption' },
        h(
          'table',
          { class: 'bulk-table', 'data-testid': 'bulk-table' },
          h('caption', { id: 'bulk-caption' }, 'Services for each postcode, at the finest area known'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Postcode'), h('th', { scope: 'col' }, 'Parish or unparished area'), h('th', { scope: 'col' }, 'LSOA'), this.services.map((s) => h('th', { scope: 'col', title: s.name }, s.short_name)))),
          h(
            'tbody',
            {},
            shown.map((r) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, r.postcode ?? r.query),
                r.found && r.areas.parishes
                  ? [
                      h('td', {}, r.areas.parishes.name),
                      h('td', {}, r.areas.lsoas?.name ?? ''),
                      ...this.services.map((s) => {
                        const a = r.services.find((x) => x.id === s.id);
                        return h('td', { 'data-extent': a?.extent ?? 'none', title: a?.decided_by ? `decided by ${a.decided_by}` : a?.share_of ? `share of the residents of ${a.share_of}` : '' }, a ? answerWord(a) : '');
                      }),
                    ]
                  : h('td', { colspan: String(2 + this.services.length) }, r.found ? 'Outside the county' : 'Not found'),
              ),
            ),
          ),
        ),
      ),
    );
  }
}
