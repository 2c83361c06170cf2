// The MapServer peer for OGC API – Features pages: Debian's MapServer 8 (`mapserv`, built with
// OGCAPI_SERVER and FASTCGI) serving the atlas's LSOAs from a shapefile made with ogr2ogr from the
// atlas's own GeoJSON, as FastCGI processes (spawn-fcgi) behind nginx (1 worker) with nginx's gzip,
// the way a GIS team would publish a layer with MapServer. Never a test dependency: when MapServer,
// spawn-fcgi or ogr2ogr is missing the benchmark skips this peer with a line saying what to install.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NGINX, startNginx } from '../deploy/nginx-runner.ts';

const MAPSERV = '/usr/bin/mapserv';
const SPAWN_FCGI = '/usr/bin/spawn-fcgi';
const OGR2OGR = '/usr/bin/ogr2ogr';

/** FastCGI processes: one per core, as MapServer's FastCGI deployments are usually sized. BENCH_MAPSERVER_PROCESSES overrides. */
const PROCESSES = Number(process.env.BENCH_MAPSERVER_PROCESSES ?? 2);

/** nginx's own gzip, at its default level (1): the cheapest compression, so the comparison favours the peer. */
export const MAPSERVER_GZIP_LEVEL = 1;

export interface MapserverPeer {
  url: string;
  /** nginx (with its worker) and the mapserv processes, for CPU accounting. */
  pids: number[];
  /** The peer's path for an atlas OGC path: /ogc/collections/{id}/items?… → /mapserv/atlas/ogcapi/collections/{id}/items?f=json&… */
  path(atlasPath: string): string;
  stop(): Promise<void>;
}

/** Why the peer cannot run here, or null when it can. */
export function mapserverMissing(): string | null {
  if (!existsSync(MAPSERV)) return `MapServer is not installed (${MAPSERV}); apt-get install cgi-mapserver mapserver-bin`;
  if (!existsSync(SPAWN_FCGI)) return `spawn-fcgi is not installed; apt-get install spawn-fcgi`;
  if (!existsSync(OGR2OGR)) return `ogr2ogr is not installed; apt-get install gdal-bin`;
  if (!existsSync(NGINX)) return `nginx is not installed (${NGINX}); apt-get install nginx-light`;
  return null;
}

/** Serves `layer` (the atlas's GeoJSON, as fetched from it) as an OGC API – Features collection. */
export async function startMapserverPeer(layer: string, geojson: Buffer, log: (s: string) => void): Promise<MapserverPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-mapserver-'));
  writeFileSync(join(dir, `${layer}.geojson`), geojson);
  // Nested properties become flat columns (names cut to 10 characters, long text to 254: a shapefile's limits).
  execFileSync(OGR2OGR, ['-f', 'ESRI Shapefile', '-oo', 'FLATTEN_NESTED_ATTRIBUTES=YES', '-lco', 'ENCODING=UTF-8', join(dir, `${layer}.shp`), join(dir, `${layer}.geojson`)], { stdio: 'ignore' });
  execFileSync('/usr/bin/shptree', [join(dir, `${layer}.shp`)], { stdio: 'ignore' });
  writeFileSync(
    join(dir, 'atlas.map'),
    `MAP
  NAME "atlas"
  EXTENT -180 -90 180 90
  PROJECTION "init=epsg:4326" END
  WEB METADATA "oga_enable_request" "*" "ows_title" "Atlas benchmark peer" END END
  LAYER
    NAME "${layer}"
    TYPE POLYGON
    STATUS ON
    TEMPLATE "void"
    DATA "${join(dir, layer)}"
    PROJECTION "init=epsg:4326" END
    METADATA "oga_title" "${layer}" "gml_include_items" "all" "gml_featureid" "code" END
  END
END
`,
  );
  writeFileSync(join(dir, 'mapserver.conf'), `CONFIG\n  MAPS\n    "atlas" "${join(dir, 'atlas.map')}"\n  END\nEND\n`);
  const env = { ...process.env, MAPSERVER_CONFIG_FILE: join(dir, 'mapserver.conf') };
  // spawn-fcgi -n execs mapserv in its place, so each child is the FastCGI process itself.
  const sockets = Array.from({ length: PROCESSES }, (_, i) => join(dir, `mapserv-${i}.sock`));
  const fcgi: ChildProcess[] = sockets.map((s) => spawn(SPAWN_FCGI, ['-n', '-s', s, '--', MAPSERV], { env, stdio: 'ignore' }));
  for (const s of sockets) for (let i = 0; !existsSync(s); i++) {
    if (i > 200) throw new Error(`mapserv did not open its FastCGI socket ${s}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const nginx = await startNginx({
    site: (port) => `upstream mapserv { ${sockets.map((s) => `server unix:${s};`).join(' ')} }
server {
  listen 127.0.0.1:${port};
  gzip on;
  gzip_comp_level ${MAPSERVER_GZIP_LEVEL};
  gzip_types application/json application/geo+json;
  location /mapserv/ {
    fastcgi_split_path_info ^(/mapserv)(/.*)$;
    include /etc/nginx/fastcgi_params;
    fastcgi_param SCRIPT_NAME $fastcgi_script_name;
    fastcgi_param PATH_INFO $fastcgi_path_info;
    fastcgi_pass mapserv;
  }
}
`,
  });
  log(`MapServer peer: ${PROCESSES} mapserv FastCGI processes (${fcgi.map((c) => c.pid).join(', ')}) behind nginx pid ${nginx.pid} on ${nginx.url}, gzip level ${MAPSERVER_GZIP_LEVEL}`);
  return {
    url: nginx.url,
    pids: [nginx.pid, ...fcgi.map((c) => c.pid!)],
    path: (p) => p.replace(/^\/ogc\/collections\/([^/]+)\/items\?/, '/mapserv/atlas/ogcapi/collections/$1/items?f=json&'),
    async stop() {
      await nginx.stop();
      await Promise.all(
        fcgi.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGTERM'))))),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
