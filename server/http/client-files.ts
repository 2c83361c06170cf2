// Serves the built web client from memory: text assets pre-compressed (gzip and brotli, made once),
// with strong ETags. Vite's content-hashed files under /assets are cached for a year as immutable;
// index.html is revalidated on every load so a new build is picked up at once. /area/{code} is the
// printable area profile: one page (profile.html) that reads its area from the address.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { RequestHandler } from 'express';
import { represent, sendRepresentation, type Representation } from './representation.ts';

const TEXT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  // The map's label glyphs (SDF bitmaps in protobuf): 88 kB as sent raw, 53 kB gzip, on every first map.
  '.pbf': 'application/x-protobuf',
};
/** Glyph ranges are not content-hashed: an hour, as express.static gave them. */
const GLYPHS = 'public, max-age=3600';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The profile's address: one GSS code (the page itself says when no area has it). */
const PROFILE_PATH = /^\/area\/[A-Za-z0-9]{1,16}\/?$/;

/** A path with its escapes undone ("Open%20Sans%20Bold"), or as given when they are malformed. */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Text files and glyph ranges become in-memory, pre-compressed representations; anything else (images) is left to express.static. */
export function clientFiles(clientDir: string): RequestHandler {
  const files = new Map<string, Representation>();
  for (const path of walk(clientDir)) {
    const type = TEXT_TYPES[extname(path)];
    if (!type) continue;
    const url = '/' + relative(clientDir, path).split(sep).join('/');
    files.set(url, represent(readFileSync(path), type, { cacheControl: url.startsWith('/assets/') ? IMMUTABLE : url.startsWith('/glyphs/') ? GLYPHS : 'no-cache' }));
  }
  const index = files.get('/index.html');
  const profile = files.get('/profile.html');
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const rep = req.path === '/' ? index : PROFILE_PATH.test(req.path) ? profile : (files.get(req.path) ?? files.get(decoded(req.path)));
    if (!rep) return next();
    sendRepresentation(req, res, rep);
  };
}
