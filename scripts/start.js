// `npm start`: runs the server compiled ahead of time to dist/server on plain Node, so no TypeScript
// is transpiled at run time. It compiles first when dist/server is missing or was compiled from other
// sources (a fresh checkout, a pull, an edit), so Quick start stays `npm install && npm start`.
// tsc compiles every file (the import worker runs from its own file); esbuild then bundles the server
// and its packages into one file, dist/server/main.bundle.js, because resolving and loading a few
// hundred modules one by one was about half of the start-up time.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'server');
const stampFile = join(outDir, '.sources-sha256');
const bundleFile = join(outDir, 'main.bundle.js');

/** A digest of every server source file, the compiler settings and this script: what dist/server was made from. */
function sourcesDigest() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) hash.update(path.slice(root.length)).update(readFileSync(path));
    }
  };
  walk(join(root, 'server'));
  for (const f of ['tsconfig.json', 'tsconfig.server.json', 'scripts/start.js']) hash.update(readFileSync(join(root, f)));
  return hash.digest('hex');
}

export async function compileServer(log = console.log) {
  const digest = sourcesDigest();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) return false;
  log('[atlas] compiling the server to dist/server (missing or older than server/)');
  rmSync(outDir, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc))
    throw new Error(
      'dist/server is missing or was compiled from other sources, and TypeScript is not installed (a production install, npm ci --omit=dev). ' +
        'Compile where the development tools are: npm ci && npm run build, then npm ci --omit=dev (dist/ is kept). See docs/deploying.md.',
    );
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.server.json')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('compiling the server failed; see the output above');
  await bundleServer();
  writeFileSync(stampFile, digest);
  return true;
}

/**
 * One ESM file from dist/server/main.js and the packages it imports (better-sqlite3 stays outside: it
 * loads a native addon). Each module's import.meta.url is pointed back at its own compiled file, so
 * the paths modules resolve from it (the project root, the import worker) stay what they were.
 */
async function bundleServer() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return; // no esbuild (installed without dev dependencies): the unbundled dist/server/main.js runs
  }
  const ownUrl = {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /[\\/]dist[\\/]server[\\/].*\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const own = `new URL(${JSON.stringify(relative(outDir, args.path).split(sep).join('/'))}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
      });
    },
  };
  await esbuild.build({
    entryPoints: [join(outDir, 'main.js')],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    // Bundled CommonJS packages (express) call require() for Node's built-in modules.
    banner: { js: "import { createRequire as __atlasRequire } from 'node:module'; const require = __atlasRequire(import.meta.url);" },
    plugins: [ownUrl],
    logLevel: 'warning',
  });
}

const USAGE = [
  'usage: npm start [-- --compile-only]',
  '  Serves the atlas (API, OGC API and web client) on PORT (default 8080), compiling the server to',
  '  dist/server first when it is missing or older than server/. Settings come from the environment:',
  '  see docs/deploying.md.',
  '  --compile-only  compile (npm run build:server) and exit',
].join('\n');

/** --help, or the flags this script knows; anything else is refused before any work starts. */
function readArgs(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  try {
    return parseArgs({ args: argv, options: { 'compile-only': { type: 'boolean' } }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = readArgs(process.argv.slice(2));
  try {
    await compileServer();
  } catch (err) {
    console.error(`[atlas] ${err.message}`);
    process.exit(1);
  }
  if (args['compile-only']) process.exit(0);
  await import(pathToFileURL(existsSync(bundleFile) ? bundleFile : join(outDir, 'main.js')).href);
}
