// HTML pages of the OGC API for people (f=html, or a browser's Accept: text/html): the same document
// as the JSON, shown as headings, link lists and feature tables; and the Link headers of JSON answers.
import { LINK_HEADER_MAX_LENGTH } from '../config/limits.ts';
import type { Request } from 'express';
import type { Link } from './links.ts';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The caller asked for HTML: f=html, or no f and an Accept header that ranks text/html above JSON. */
export function wantsHtml(req: Pick<Request, 'query' | 'headers'>): boolean {
  const f = (req.query as Record<string, unknown>).f;
  if (f !== undefined) return f === 'html';
  const accept = String(req.headers.accept ?? '');
  const rank = (type: RegExp) => {
    for (const part of accept.split(',')) {
      const [media, ...params] = part.trim().split(';');
      if (!type.test(media.trim())) continue;
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
      return (q ? Number(q[1]) : 1) + 1e-3 * (accept.length - accept.indexOf(part)) / Math.max(1, accept.length); // earlier wins a tie
    }
    return 0;
  };
  return rank(/^text\/html$/i) > Math.max(rank(/^application\/(geo\+)?json$/i), rank(/^application\/(schema|vnd\.oai\.openapi)\+json$/i));
}

/** An OGC API link as the HTML page follows it: its own pages with f=html, downloads and schemas as they are. */
function htmlHref(href: string, type?: string): string {
  if (type && !/json/.test(type)) return href;
  if (/\.(geojson|csv)(\?|$)/.test(href) || !/\/ogc(\/|$|\?)/.test(href)) return href;
  const url = new URL(href);
  url.searchParams.set('f', 'html');
  return url.toString();
}

function linkList(links: readonly Link[] = []): string {
  return `<ul>${links.map((l) => `<li><a href="${esc(htmlHref(l.href, l.type))}">${esc(l.title ?? l.href)}</a> <small>(${esc(l.rel)}${l.type ? `, ${esc(l.type)}` : ''})</small></li>`).join('')}</ul>`;
}

const cell = (v: unknown) => (v !== null && typeof v === 'object' ? `<code>${esc(JSON.stringify(v))}</code>` : esc(v));

type Doc = Record<string, unknown> & { links?: Link[] };

function body(doc: Doc): string {
  if (doc.type === 'FeatureCollection') {
    const features = (doc.features as { id: string; properties: Record<string, unknown>; links?: Link[] }[]) ?? [];
    const names = [...new Set(features.flatMap((f) => Object.keys(f.properties)))].slice(0, 12);
    const item = (id: string) => (doc.links?.find((l) => l.rel === 'self')?.href ?? '').replace(/\/items(\?.*)?$/, `/items/${encodeURIComponent(id)}`);
    return (
      `<p>${esc(doc.numberReturned)} of ${esc(doc.numberMatched)} features. ${esc(doc.attribution)} Licence: ${esc(doc.license)}.</p>` +
      `<table><thead><tr><th>id</th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr></thead><tbody>` +
      features.map((f) => `<tr><td><a href="${esc(htmlHref(item(f.id)))}">${esc(f.id)}</a></td>${names.map((n) => `<td>${cell(f.properties[n])}</td>`).join('')}</tr>`).join('') +
      '</tbody></table>'
    );
  }
  if (doc.type === 'Feature') {
    const props = doc.properties as Record<string, unknown>;
    return `<p>${esc(doc.attribution)} Licence: ${esc(doc.license)}.</p><table><tbody>${Object.entries(props).map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${cell(v)}</td></tr>`).join('')}</tbody></table>`;
  }
  if (Array.isArray(doc.collections))
    return (doc.collections as Doc[]).map((c) => `<section><h2>${esc(c.title)}</h2><p>${esc(c.description)}</p>${linkList(c.links)}</section>`).join('');
  const rest = Object.fromEntries(Object.entries(doc).filter(([k]) => !['title', 'description', 'links'].includes(k)));
  return Object.keys(rest).length ? `<pre>${esc(JSON.stringify(rest, null, 2))}</pre>` : '';
}

/** The HTML page of an OGC API document. */
export function htmlPage(fallbackTitle: string, doc: Doc): string {
  const title = String(doc.title ?? (doc.type === 'Feature' ? (doc.properties as Record<string, unknown>)?.name ?? doc.id : fallbackTitle));
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;margin:1rem 2rem;max-width:80rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}</style></head>' +
    `<body><h1>${esc(title)}</h1>${doc.description ? `<p>${esc(doc.description)}</p>` : ''}${body(doc)}<h2>Links</h2>${linkList(doc.links)}</body></html>`
  );
}

/** The Link header (RFC 8288) of a JSON answer: its navigation links (not the per-collection ones inside it). */
export function linkHeader(links: readonly Link[] = []): string {
  // Links carry the request's Host: a long one must not make a response head that clients and proxies
  // refuse (Node's parser stops at 16 kB, nginx's buffers at 4-8 kB). Links past the budget stay in the body only.
  let header = '';
  for (const l of links.filter((l) => ['self', 'alternate', 'next', 'prev', 'collection', 'root', 'service-desc', 'conformance', 'data', 'items', 'describedBy'].includes(l.rel))) {
    const one = `<${l.href}>; rel="${l.rel}"${l.type ? `; type="${l.type}"` : ''}`;
    const next = header ? `${header}, ${one}` : one;
    if (Buffer.byteLength(next) > LINK_HEADER_MAX_LENGTH) break;
    header = next;
  }
  return header;
}
