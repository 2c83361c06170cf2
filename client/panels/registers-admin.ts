// "Import or manage registers" beside the key: with the admin token typed into the page (held in this
// module's memory only, never stored), upload a CSV, GeoJSON or Charity Commission extract with a
// progress bar, read the import report (groups kept, rows left out and why), and rename, replace or
// delete a register. Everything goes through the register API (POST/DELETE /api/registers).
import { byId, fill, h } from '../dom.ts';
import { fileUrl } from '../state/standalone.ts';

interface RegisterRow {
  name: string;
  rows: number;
  counted?: number;
  source: string;
}

interface Report {
  register: string;
  status: 'imported' | 'rejected';
  rows_read: number;
  imported: number;
  rejected: number;
  counted: number;
  rejections: { line?: number; feature?: number; field: string | null; reason: string }[];
  rejections_listed: number;
  not_counted: { name: string; line: number; reason: string }[];
  excluded?: { total: number; by_reason: Record<string, number> };
  replaced_previous: boolean;
}

interface Problem {
  title?: string;
  detail?: string;
  report?: Report;
}

const MAX_LISTED = 25;

export class RegistersAdmin {
  /** The admin token: in memory only, gone when the page is closed or reloaded. */
  private token = '';
  private readonly body = byId('register-admin-body');
  private readonly status = h('div', { id: 'register-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'register-status' });
  private readonly progress = h('progress', { max: '100', value: '0', hidden: true, 'aria-label': 'Upload progress' });
  private readonly list = h('ul', { class: 'plain register-list', 'data-testid': 'register-list' });
  private readonly name = h('input', { id: 'register-name', required: true, maxlength: '48', pattern: '[A-Za-z0-9_.\\-]{1,48}', autocomplete: 'off' });
  private readonly file = h('input', { id: 'register-file', type: 'file', required: true, accept: '.csv,.geojson,.json,.txt' });
  private readonly format = h('select', { id: 'register-format' }, h('option', { value: '' }, 'CSV or GeoJSON (from the file name)'), h('option', { value: 'ccew' }, 'Charity Commission register extract'));
  private readonly source = h('input', { id: 'register-source', maxlength: '300', autocomplete: 'off' });

  /** @param changed - called after an import, rename or delete, so the map counts what is now there. */
  constructor(private readonly changed: () => void) {
    const tokenInput = h('input', { id: 'admin-token', type: 'password', autocomplete: 'off', spellcheck: 'false', oninput: (e: Event) => (this.token = (e.target as HTMLInputElement).value.trim()) });
    const field = (id: string, label: string, control: HTMLElement, hint?: string) => h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint' }, hint) : null);
    const form = h('form', { 'aria-label': 'Import a register', onsubmit: (e: Event) => (e.preventDefault(), void this.upload()) },
      field('admin-token', 'Admin token', tokenInput, 'Kept in this page’s memory only: never saved, gone when the page closes.'),
      field('register-name', 'Register name (letters, digits, - _ .)', this.name, 'An existing name replaces that register.'),
      field('register-file', 'File', this.file),
      field('register-format', 'Kind of file', this.format),
      field('register-source', 'Source (who published it, and when)', this.source),
      h('button', { type: 'submit', class: 'clear-filters' }, 'Import'),
      this.progress);
    fill(this.body, form, this.status, h('h3', {}, 'Registers loaded'), this.list);
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    const r = await fetch(fileUrl('/api/registers'), { headers: { Accept: 'application/json' } }).catch(() => null);
    const body = r?.ok ? ((await r.json()) as { registers: RegisterRow[] }) : { registers: [] };
    fill(this.list, body.registers.map((reg) => h('li', { 'data-register': reg.name },
      h('strong', {}, reg.name), h('span', { class: 'hint' }, `${(reg.counted ?? reg.rows).toLocaleString('en-GB')} groups counted of ${reg.rows.toLocaleString('en-GB')}`),
      h('button', { type: 'button', class: 'link-button', onclick: () => this.replace(reg.name) }, 'Replace', h('span', { class: 'sr-only' }, ` ${reg.name}`)),
      h('button', { type: 'button', class: 'link-button', onclick: () => void this.rename(reg.name) }, 'Rename', h('span', { class: 'sr-only' }, ` ${reg.name}`)),
      h('button', { type: 'button', class: 'link-button', onclick: () => void this.remove(reg.name) }, 'Delete', h('span', { class: 'sr-only' }, ` ${reg.name}`)))));
  }

  private say(...content: (Node | string | null)[]): void {
    fill(this.status, ...content);
  }

  private needToken(): boolean {
    if (this.token) return false;
    this.say(h('p', { role: 'alert' }, 'Type the admin token first.'));
    byId('admin-token').focus();
    return true;
  }

  /** Replace: the same name, a new file. */
  private replace(name: string): void {
    this.name.value = name;
    this.say(h('p', {}, `Choose the new file for ${name}, then Import: it replaces the register.`));
    this.file.focus();
  }

  private send(method: string, url: string, body: FormData | Blob | null, contentType?: string): Promise<{ status: number; json: unknown }> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      xhr.setRequestHeader('Accept', 'application/json');
      if (contentType) xhr.setRequestHeader('Content-Type', contentType);
      this.progress.hidden = body === null;
      this.progress.value = 0;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) this.progress.value = Math.round((e.loaded / e.total) * 100);
      };
      xhr.onload = () => {
        this.progress.value = 100;
        let json: unknown = null;
        try {
          json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch {
          json = null;
        }
        resolve({ status: xhr.status, json });
      };
      xhr.onerror = () => reject(new Error('the server could not be reached'));
      xhr.send(body);
    });
  }

  private async upload(): Promise<void> {
    if (this.needToken()) return;
    const file = this.file.files?.[0];
    if (!file || !this.name.value) return this.say(h('p', { role: 'alert' }, 'Give the register a name and choose a file.'));
    const form = new FormData();
    form.append('register', this.name.value.trim());
    if (this.source.value.trim()) form.append('source', this.source.value.trim());
    if (this.format.value) form.append('format', this.format.value);
    form.append('file', file, file.name);
    this.say(h('p', {}, `Uploading ${file.name}…`));
    try {
      const { status, json } = await this.send('POST', `/api/registers${this.format.value ? `?format=${this.format.value}` : ''}`, form);
      this.settle(status, json as Report & Problem, `imported`);
    } catch (err) {
      this.say(h('p', { role: 'alert' }, `Not imported: ${(err as Error).message}.`));
    }
  }

  /** Rename: the register's groups, read back as GeoJSON, imported under the new name; then the old name deleted. */
  private async rename(from: string): Promise<void> {
    if (this.needToken()) return;
    const to = window.prompt(`New name for ${from} (letters, digits, - _ .)`, from)?.trim();
    if (!to || to === from) return;
    this.say(h('p', {}, `Renaming ${from} to ${to}…`));
    const groups = await fetch(fileUrl(`/api/groups.geojson?register=${encodeURIComponent(from)}`)).then((r) => r.text());
    const form = new FormData();
    form.append('register', to);
    form.append('file', new Blob([groups], { type: 'application/geo+json' }), `${to}.geojson`);
    const { status, json } = await this.send('POST', '/api/registers', form);
    if (status !== 201 && status !== 200) return this.problem(json as Problem, status);
    await this.send('DELETE', `/api/registers/${encodeURIComponent(from)}`, null);
    this.settle(status, json as Report, `renamed from ${from}`);
  }

  private async remove(name: string): Promise<void> {
    if (this.needToken()) return;
    if (!window.confirm(`Delete the register ${name}? Its groups stop being counted.`)) return;
    const { status, json } = await this.send('DELETE', `/api/registers/${encodeURIComponent(name)}`, null);
    if (status === 204) {
      this.say(h('p', { 'data-testid': 'register-deleted' }, `Deleted ${name}.`));
      await this.refresh();
      this.changed();
    } else this.problem(json as Problem, status);
  }

  private problem(p: Problem | null, status: number): void {
    this.say(h('p', { role: 'alert' }, `${p?.title ?? `HTTP ${status}`}: ${p?.detail ?? 'the server refused the change'}.`), p?.report ? this.report(p.report) : null);
  }

  private settle(status: number, json: Report & Problem, done: string): void {
    if (status !== 201 && status !== 200) return this.problem(json, status);
    this.say(h('p', {}, `${json.register} ${done}${json.replaced_previous ? ' (it replaced the register of that name)' : ''}.`), this.report(json));
    void this.refresh();
    this.changed();
  }

  /** The import report: groups kept, rows left out with their reasons, groups listed but not counted. */
  private report(r: Report): HTMLElement {
    const where = (x: { line?: number; feature?: number }) => (x.line != null ? `line ${x.line}` : x.feature != null ? `feature ${x.feature}` : 'the file');
    const n = (x: number) => x.toLocaleString('en-GB');
    return h('div', { class: 'report', 'data-testid': 'import-report' },
      r.status === 'rejected'
        ? h('p', {}, h('strong', {}, `Nothing imported: ${n(r.rejected)} of ${n(r.rows_read)} rows cannot be used`), '. Fix the rows listed below (or remove them) and import the file again; the register is unchanged.')
        : h('p', {}, h('strong', {}, `Kept ${n(r.imported)} of ${n(r.rows_read)} rows`), `; left out ${n(r.rejected)}; ${n(r.counted)} groups counted in an area.`),
      r.rejections.length ? h('details', { open: r.rejections.length <= 5 }, h('summary', {}, `Left out (${r.rejected.toLocaleString('en-GB')}), with reasons`),
        h('ul', {}, r.rejections.slice(0, MAX_LISTED).map((x) => h('li', { 'data-testid': 'rejection' }, `${where(x)}${x.field ? ` (${x.field})` : ''}: ${x.reason}`))),
        r.rejections.length > MAX_LISTED ? h('p', { class: 'hint' }, `and ${r.rejected - MAX_LISTED} more.`) : null) : null,
      r.not_counted.length ? h('details', {}, h('summary', {}, `Kept but not counted in any area (${r.not_counted.length})`),
        h('ul', {}, r.not_counted.slice(0, MAX_LISTED).map((x) => h('li', {}, `${x.name} (line ${x.line}): ${x.reason}`)))) : null,
      r.excluded ? h('p', {}, `Charity Commission records left out on purpose: ${r.excluded.total.toLocaleString('en-GB')} (${Object.entries(r.excluded.by_reason).filter(([, n]) => n).map(([k, n]) => `${k.replace(/_/g, ' ')} ${n.toLocaleString('en-GB')}`).join(', ')}).`) : null);
  }
}
