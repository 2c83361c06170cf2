// Runs deploy/nginx.conf for real, unchanged except for its three site-specific values (the export
// folder, the listening port and the app's address), in a private prefix with one worker: used by
// the nginx test and by `npm run bench`. Needs Debian's nginx (any flavour, for gzip_static);
// brotli_static is loaded when libnginx-mod-http-brotli-static is installed, else that line is dropped.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = '/usr/sbin/nginx';
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const SITE = join(dirname(fileURLToPath(import.meta.url)), 'nginx.conf');

export interface RunningNginx {
  url: string;
  pid: number;
  brotli: boolean;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

/** The shipped site config with this run's export folder, port and app address put in. */
export function siteConfig(root: string, port: number, appHost: string, brotli: boolean): string {
  const text = readFileSync(SITE, 'utf8')
    .replace('root /srv/atlas/static;', `root ${root};`)
    .replace('listen 8081;', `listen 127.0.0.1:${port};`)
    .replace('server 127.0.0.1:8080;', `server ${appHost};`);
  const out = brotli ? text : text.replace(/^\s*brotli_static on;$/m, '');
  for (const needle of [root, String(port), appHost]) if (!out.includes(needle)) throw new Error(`deploy/nginx.conf no longer has the line for ${needle}`);
  return out;
}

/** Runs deploy/nginx.conf over an export folder, or (for a benchmark peer) another site made for the port. */
export async function startNginx(opts: { root: string; appHost: string } | { site: (port: number) => string }): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`nginx is not installed (${NGINX}); apt-get install nginx-light`);
  const prefix = mkdtempSync(join(tmpdir(), 'atlas-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const port = await freePort();
  const brotli = existsSync(BROTLI_MODULE);
  writeFileSync(join(prefix, 'site.conf'), 'site' in opts ? opts.site(port) : siteConfig(opts.root, port, opts.appHost, brotli));
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      brotli ? `load_module ${BROTLI_MODULE};` : '',
      // Started by root, nginx would run its worker as nobody, who cannot read a private temp folder.
      process.getuid?.() === 0 ? 'user root;' : '',
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/logs/error.log;`,
      'daemon off;',
      'worker_processes 1;',
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${prefix}/${t};`),
      '  include /etc/nginx/mime.types;',
      `  include ${prefix}/site.conf;`,
      '}',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`nginx did not start: ${stderr}${existsSync(join(prefix, 'logs/error.log')) ? readFileSync(join(prefix, 'logs/error.log'), 'utf8') : ''}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    brotli,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          rmSync(prefix, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGQUIT'); // graceful: the master stops its worker, then itself
      }),
  };
}
