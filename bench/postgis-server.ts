// The minimal look-up server a GIS team would put over PostGIS (node:http + a pg pool of 10), run
// by bench/postgis-peer.ts in its own process: the point test and the JSON assembly happen in
// PostgreSQL; this process only forwards the text. Connection settings come from PGHOST/PGUSER/PGDATABASE.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const pool = new pg.Pool({ max: 10 });
const SQL = `SELECT json_build_object('query', json_build_object('lon', $1::float8, 'lat', $2::float8), 'inside_county', count(*) > 0,
  'areas', coalesce(json_agg(answer ORDER BY layer_ord, code), '[]'))::text AS body
  FROM areas WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))`;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://peer');
  const lon = Number(url.searchParams.get('lon'));
  const lat = Number(url.searchParams.get('lat'));
  if (url.pathname !== '/api/lookup' || !Number.isFinite(lon) || !Number.isFinite(lat)) return void res.writeHead(400).end();
  pool.query({ name: 'lookup', text: SQL, values: [lon, lat] }).then(
    (r) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(r.rows[0].body),
    () => res.writeHead(500).end(),
  );
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
