// `node scripts/run.js cli/build-data [ARGS…]`: runs an operator command of the server (build:data,
// import:groups, export:static). From source through tsx where the development tools are installed;
// on a production install (`npm ci --omit=dev`, no tsx) from the compiled dist/server that
// `npm run build` made, so the commands need nothing that is not a runtime dependency.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileServer } from './start.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...args] = process.argv.slice(2);
if (!command || !/^[a-z-]+\/[a-z-]+$/.test(command) || !existsSync(join(root, 'server', `${command}.ts`))) {
  console.error(`usage: node scripts/run.js DIR/COMMAND [ARGS…], where server/DIR/COMMAND.ts exists (e.g. cli/import-groups)`);
  process.exit(2);
}

const hasTsx = (() => {
  try {
    createRequire(import.meta.url).resolve('tsx');
    return true;
  } catch {
    return false;
  }
})();

let argv;
if (hasTsx) argv = ['--import', 'tsx', join(root, 'server', `${command}.ts`), ...args];
else {
  await compileServer(console.error);
  argv = [join(root, 'dist', 'server', `${command}.js`), ...args];
}
const r = spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: process.cwd() });
process.exit(r.status ?? 1);
