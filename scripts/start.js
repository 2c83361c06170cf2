// `npm start`: runs the server compiled ahead of time to dist/server on plain Node, so no TypeScript
// is transpiled at run time. It compiles first when dist/server is missing or was compiled from other
// sources (a fresh checkout, a pull, an edit), so Quick start stays `npm install && npm start`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'server');
const stampFile = join(outDir, '.sources-sha256');

/** A digest of every server source file and the compiler settings: what dist/server was made from. */
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
  for (const f of ['tsconfig.json', 'tsconfig.server.json']) hash.update(readFileSync(join(root, f)));
  return hash.digest('hex');
}

export function compileServer(log = console.log) {
  const digest = sourcesDigest();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) return false;
  log('[atlas] compiling the server to dist/server (missing or older than server/)');
  rmSync(outDir, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.server.json')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('compiling the server failed; see the output above');
  writeFileSync(stampFile, digest);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  compileServer();
  if (process.argv[2] === '--compile-only') process.exit(0);
  await import(pathToFileURL(join(outDir, 'main.js')).href);
}
