// Your own area to take away: a GeoJSON Feature (its outline with the figures as flat properties) and
// a one-row CSV of the same columns. The columns are the server's (the answer's `properties`).
import { csvLine, UTF8_BOM } from '../../server/domain/csv-text.ts';
import { h } from '../dom.ts';
import type { CustomProfileAnswer } from '../types.ts';

export function customGeojson(a: CustomProfileAnswer): string {
  const properties = { name: a.name, ...a.properties, attribution: a.attribution, licence: a.licence };
  return JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', bbox: a.bbox, geometry: a.geometry, properties }] });
}

export function customCsv(a: CustomProfileAnswer): string {
  const row = { name: a.name, ...a.properties, attribution: a.attribution, licence: a.licence };
  return `${UTF8_BOM}${csvLine(Object.keys(row))}${csvLine(Object.values(row))}`;
}

/** A download link for text made here (revoked once followed). */
export function downloadLink(label: string, fileName: string, type: string, text: () => string, testId: string): HTMLElement {
  return h('button', {
    type: 'button',
    class: 'download-button',
    'data-testid': testId,
    onclick: () => {
      const a = h('a', { href: URL.createObjectURL(new Blob([text()], { type })), download: fileName });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    },
  }, label);
}
