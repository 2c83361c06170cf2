// One config for the web client build (Vite, client/ → dist/client) and the test runner (Vitest).
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { glyphFiles } from './server/glyphs/glyph-files.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Emits the map label glyphs (server/glyphs) beside the client, so the atlas serves its own labels. */
function atlasGlyphs(): Plugin {
  return {
    name: 'atlas-glyphs',
    apply: 'build',
    generateBundle() {
      for (const [fileName, source] of glyphFiles()) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [atlasGlyphs()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB; its worker is a separate file loaded from our own origin.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The atlas, and the printable area profile served at /area/{code}.
      input: { main: fileURLToPath(new URL('./client/index.html', import.meta.url)), profile: fileURLToPath(new URL('./client/profile.html', import.meta.url)) },
      output: {
        // MapLibre in its own long-cached chunk, so an app change does not re-download it.
        codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/ogc': 'http://localhost:8080' },
  },
  test: {
    root,
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
