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

/**
 * The atlas page imports the app and MapLibre only after it has started its first requests
 * (client/main.ts), so the browser is told about those chunks up front: they download and compile
 * while the entry runs, instead of after it.
 */
function preloadMapChunks(): Plugin {
  return {
    name: 'atlas-preload-map-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle || !ctx.filename.endsWith('index.html')) return [];
        const chunks = Object.values(ctx.bundle).filter((c) => c.type === 'chunk' && (c.name === 'app' || c.name === 'maplibre'));
        const scripts = chunks.map((c) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${c.fileName}` }, injectTo: 'head' as const }));
        // MapLibre's stylesheet comes with the page: the dynamic import waits for the CSS of its chunks
        // unless the page already links it, and fetched from there it would start only with the import.
        const css = chunks.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]);
        return [...scripts, ...css.map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${href}` }, injectTo: 'head' as const }))];
      },
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [atlasGlyphs(), preloadMapChunks()],
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
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two tiers: the unit tier (*.unit.test.ts) needs no shared geodata and no database, so it runs
    // first and a broken domain fails in seconds; the rest (integration, e2e, deploy) runs after it.
    // `npm test` runs both; `npm run test:unit` the first alone. No root `include`: a project that
    // extends the root would add its patterns to the root's rather than replace them.
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.unit.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'rest', include: ['tests/**/*.test.ts'], exclude: ['tests/**/*.unit.test.ts', '**/node_modules/**'], sequence: { groupOrder: 1 } } },
    ],
  },
});
