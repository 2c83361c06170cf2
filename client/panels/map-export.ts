// "A map you can take away": Save map as PNG (the map as drawn, at print resolution, with its title,
// key, scale bar, north arrow, source and licence composed around it) and "Embed this map" (an iframe
// snippet of the current address with embed=1, which hides the page around the map).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { byId, fill, h } from '../dom.ts';

export interface KeyRow {
  colour: string;
  hatched?: boolean;
  label: string;
  count: number;
}

export interface MapSheet {
  title: string;
  subtitle: string;
  key: readonly KeyRow[];
  /** Attribution and licence, printed under the map. */
  source: string;
}

/** The most pixels a side of the drawn map may have (a canvas larger than this fails on many machines). */
const MAX_SIDE = 4096;
/** 3 device pixels per CSS pixel: about 290 dpi when the map is printed at its on-screen size. */
export const PRINT_RATIO = 3;

/** A scale bar's length: the largest 1, 2 or 5 × 10ⁿ metres that fits in `maxPx` CSS pixels. */
export function scaleBar(metresPerPx: number, maxPx: number): { metres: number; px: number; label: string } {
  const most = metresPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((m) => m * pow).find((m) => m <= most) ?? pow;
  return { metres, px: metres / metresPerPx, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/** Draws the map once more at print resolution and reads it back in the same frame. */
async function drawnMap(map: MapLibreMap): Promise<HTMLCanvasElement> {
  const before = map.getPixelRatio();
  const canvas = map.getCanvas();
  const css = { w: canvas.clientWidth, h: canvas.clientHeight };
  const ratio = Math.min(PRINT_RATIO, MAX_SIDE / Math.max(css.w, css.h));
  map.setPixelRatio(ratio);
  try {
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    return await new Promise<HTMLCanvasElement>((resolve) => {
      map.once('render', () => {
        const copy = h('canvas', { width: canvas.width, height: canvas.height });
        copy.getContext('2d')!.drawImage(canvas, 0, 0);
        resolve(copy);
      });
      map.triggerRepaint();
    });
  } finally {
    map.setPixelRatio(before);
  }
}

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The sheet as a PNG: title above, key to the right, scale and north arrow on the map, source below. */
export async function mapPng(map: MapLibreMap, sheet: MapSheet): Promise<Blob> {
  const image = await drawnMap(map);
  const r = image.width / map.getCanvas().clientWidth;
  const pad = 16 * r;
  const keyW = 260 * r;
  const titleH = 64 * r;
  const out = h('canvas', { width: image.width + keyW + 3 * pad, height: 0 });
  const ctx = out.getContext('2d')!;
  const font = (px: number, weight = 'normal') => `${weight} ${px * r}px system-ui, sans-serif`;
  ctx.font = font(11);
  const sourceLines = wrap(ctx, sheet.source, out.width - 2 * pad);
  out.height = titleH + image.height + pad * 2 + sourceLines.length * 15 * r;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#1a1a1a';
  ctx.font = font(20, 'bold');
  ctx.fillText(sheet.title, pad, pad + 18 * r);
  ctx.font = font(12);
  ctx.fillText(sheet.subtitle, pad, pad + 40 * r);
  const mapX = pad;
  const mapY = titleH;
  ctx.drawImage(image, mapX, mapY);
  ctx.strokeStyle = '#1a1a1a';
  ctx.lineWidth = r;
  ctx.strokeRect(mapX, mapY, image.width, image.height);

  // Scale bar, bottom left, for the latitude of the map's centre.
  const lat = map.getCenter().lat;
  const metresPerPx = (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
  const bar = scaleBar(metresPerPx, 120);
  const bx = mapX + 12 * r;
  const by = mapY + image.height - 16 * r;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(bx - 6 * r, by - 22 * r, bar.px * r + 60 * r, 30 * r);
  ctx.fillStyle = '#1a1a1a';
  ctx.fillRect(bx, by - 4 * r, bar.px * r, 4 * r);
  ctx.font = font(11, 'bold');
  ctx.fillText(bar.label, bx + bar.px * r + 6 * r, by);
  ctx.fillText('0', bx, by - 8 * r);

  // North arrow, top right, turned with the map's bearing.
  ctx.save();
  ctx.translate(mapX + image.width - 28 * r, mapY + 34 * r);
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  ctx.arc(0, 0, 20 * r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.rotate((-map.getBearing() * Math.PI) / 180);
  ctx.fillStyle = '#1a1a1a';
  ctx.beginPath();
  ctx.moveTo(0, -14 * r);
  ctx.lineTo(7 * r, 8 * r);
  ctx.lineTo(0, 3 * r);
  ctx.lineTo(-7 * r, 8 * r);
  ctx.closePath();
  ctx.fill();
  ctx.font = font(10, 'bold');
  ctx.textAlign = 'center';
  ctx.fillText('N', 0, 18 * r);
  ctx.restore();

  // Key: each class's swatch (hatched classes striped, as on the map), label and count.
  const kx = mapX + image.width + pad;
  let ky = mapY + 14 * r;
  ctx.font = font(13, 'bold');
  ctx.fillText('Key', kx, ky);
  ky += 10 * r;
  ctx.font = font(11);
  for (const row of sheet.key) {
    ctx.fillStyle = row.colour;
    ctx.fillRect(kx, ky, 18 * r, 14 * r);
    if (row.hatched) {
      ctx.fillStyle = '#ffffff';
      for (let x = -14; x < 18; x += 6) {
        ctx.beginPath();
        ctx.moveTo(kx + x * r, ky + 14 * r);
        ctx.lineTo(kx + (x + 2) * r, ky + 14 * r);
        ctx.lineTo(kx + (x + 16) * r, ky);
        ctx.lineTo(kx + (x + 14) * r, ky);
        ctx.fill();
      }
      ctx.fillStyle = row.colour;
    }
    ctx.strokeStyle = '#1a1a1a';
    ctx.strokeRect(kx, ky, 18 * r, 14 * r);
    ctx.fillStyle = '#1a1a1a';
    const lines = wrap(ctx, `${row.label} (${row.count})`, keyW - 28 * r);
    lines.forEach((l, i) => ctx.fillText(l, kx + 26 * r, ky + 11 * r + i * 14 * r));
    ky += Math.max(22, lines.length * 14 + 8) * r;
  }

  ctx.font = font(11);
  ctx.fillStyle = '#1a1a1a';
  sourceLines.forEach((l, i) => ctx.fillText(l, pad, mapY + image.height + pad + 11 * r + i * 15 * r));
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the map could not be saved as PNG'))), 'image/png'));
}

/** The map tools beside the downloads: Save map as PNG, and the embed snippet. */
export function renderMapTools(save: () => Promise<void>): void {
  const snippet = h('textarea', { id: 'embed-snippet', readonly: true, rows: '3', 'data-testid': 'embed-snippet', onfocus: (e: Event) => (e.target as HTMLTextAreaElement).select() });
  // Written now and again on opening (the view may have changed since): 'toggle' fires a task after the
  // click, so a box filled only then was empty to anything that read it at once.
  snippet.value = embedSnippet(location.href);
  const embed = h('details', { class: 'embed', ontoggle: () => (snippet.value = embedSnippet(location.href)) },
    h('summary', {}, 'Embed this map'),
    h('label', { for: 'embed-snippet' }, 'Paste this into a web page to show the current view, without the page around it:'),
    snippet);
  const said = h('span', { role: 'status', 'data-testid': 'map-png-status' });
  const button = h('button', { type: 'button', class: 'clear-filters', 'data-testid': 'save-map-png', onclick: async () => {
    button.disabled = true;
    said.textContent = 'Drawing the map at print resolution…';
    try {
      await save();
      said.textContent = 'Saved.';
    } catch (err) {
      said.textContent = `Not saved: ${(err as Error).message}`;
    } finally {
      button.disabled = false;
    }
  } }, 'Save map as PNG');
  fill(byId('map-tools'), button, said, embed);
}

/** An iframe of the address with embed=1 (the map, key-less and chrome-less, keeping the view). */
export function embedSnippet(href: string): string {
  const url = new URL(href);
  url.searchParams.set('embed', '1');
  return `<iframe src="${url.toString().replace(/"/g, '&quot;')}" title="Leicestershire Coverage Atlas map" width="800" height="600" style="border:1px solid #444" loading="lazy"></iframe>`;
}
