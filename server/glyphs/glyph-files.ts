// The glyph files the web client ships: the label fonts' PBF ranges, made once per font and
// generator version and cached on disk, so each client build does not redraw every glyph.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glyphRange, readFont } from './sdf-glyphs.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FONT_DIR = join(ROOT, 'node_modules', 'open-sans-fonts', 'open-sans');

/** The fontstacks the map's symbol layers name (client/layers/labels.ts), and their TrueType files. */
export const LABEL_FONTS: Record<string, string> = {
  'Open Sans Regular': join(FONT_DIR, 'Regular', 'OpenSans-Regular.ttf'),
  'Open Sans Bold': join(FONT_DIR, 'Bold', 'OpenSans-Bold.ttf'),
};

/** Basic Latin and Latin-1 (place names) and General Punctuation (’ – “ ”). */
export const GLYPH_RANGES = [0, 8192];

/** Every glyph file as { path under the client folder: bytes }, e.g. "glyphs/Open Sans Bold/0-255.pbf". */
export function glyphFiles(cacheDir = join(ROOT, 'node_modules', '.cache', 'atlas-glyphs')): Map<string, Uint8Array> {
  const generator = readFileSync(fileURLToPath(new URL('./sdf-glyphs.ts', import.meta.url)));
  const files = new Map<string, Uint8Array>();
  for (const [stack, file] of Object.entries(LABEL_FONTS)) {
    const bytes = readFileSync(file);
    const key = createHash('sha256').update(bytes).update(generator).digest('hex').slice(0, 16);
    let font: ReturnType<typeof readFont> | null = null;
    for (const start of GLYPH_RANGES) {
      const cached = join(cacheDir, `${key}-${start}.pbf`);
      if (!existsSync(cached)) {
        font ??= readFont(bytes);
        mkdirSync(cacheDir, { recursive: true });
        // Written under a per-process name and renamed, so parallel builds never read half a file.
        const tmp = `${cached}.${process.pid}`;
        writeFileSync(tmp, glyphRange(font, stack, start));
        renameSync(tmp, cached);
      }
      files.set(`glyphs/${stack}/${start}-${start + 255}.pbf`, readFileSync(cached));
    }
  }
  return files;
}
