// Saving a chart: the SVG as drawn, with its title written above it so the file stands on its own,
// and a PNG made by drawing that SVG into a canvas at twice the size (sharp in a report).

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_HEIGHT = 30;

const NOTE_LINE = 13;

/** Splits a footnote into lines that fit the width (10 px text, about 5.6 px a character at most). */
export function wrapWords(text: string, width: number): string[] {
  const max = Math.max(20, Math.floor((width - 16) / 5.6));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A standalone SVG document: the chart under its title, on white, with its footnotes (the registers
 * counted, the source and licence) wrapped below it, so nothing is cropped from the saved image.
 */
export function standaloneSvg(chart: SVGSVGElement, title: string, notes: readonly string[]): string {
  const width = Number(chart.getAttribute('width')) || chart.viewBox.baseVal.width;
  const height = Number(chart.getAttribute('height')) || chart.viewBox.baseVal.height;
  const lines = notes.flatMap((n) => wrapWords(n, width));
  const total = height + TITLE_HEIGHT + 10 + lines.length * NOTE_LINE;
  const doc = document.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({ xmlns: SVG_NS, width, height: total, viewBox: `0 0 ${width} ${total}`, 'font-family': 'system-ui, sans-serif' })) doc.setAttribute(k, String(v));
  const text = (y: number, content: string, size: number, weight = 'normal') => {
    const t = document.createElementNS(SVG_NS, 'text');
    for (const [k, v] of Object.entries({ x: 8, y, 'font-size': size, 'font-weight': weight, fill: '#1a1a1a' })) t.setAttribute(k, String(v));
    t.textContent = content;
    return t;
  };
  const bg = document.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ width, height: total, fill: '#ffffff' })) bg.setAttribute(k, String(v));
  const body = chart.cloneNode(true) as SVGSVGElement;
  body.setAttribute('y', String(TITLE_HEIGHT));
  body.removeAttribute('tabindex');
  doc.append(bg, text(20, title, 15, 'bold'), body, ...lines.map((l, i) => text(height + TITLE_HEIGHT + 14 + i * NOTE_LINE, l, 10)));
  return new XMLSerializer().serializeToString(doc);
}

function save(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: file });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveSvg(svg: string, file: string): void {
  save(new Blob([svg], { type: 'image/svg+xml' }), file);
}

/** Draws the SVG into a canvas (2× for print) and saves it as PNG. */
export async function savePng(svg: string, file: string, scale = 2): Promise<void> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.naturalWidth * scale);
    canvas.height = Math.round(img.naturalHeight * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the chart could not be drawn as PNG'))), 'image/png'));
    save(png, file);
  } finally {
    URL.revokeObjectURL(url);
  }
}
