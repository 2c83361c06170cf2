// A short tag naming what produced an answer: the database build (its inputs hash) and the server
// code running. Answers that depend only on those and the request carry a weak ETag made from this
// tag plus the request itself, so no body is hashed per request and a new build or release changes it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/config.ts';
import type { AtlasStore } from '../store/atlas-store.ts';

/** The server's TypeScript sources (dist/server is compiled from exactly these; see scripts/start.js). */
const SERVER_DIR = join(PROJECT_ROOT, 'server');

function digestTree(dir: string, hash: ReturnType<typeof createHash>) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) digestTree(path, hash);
    else if (name.endsWith('.ts')) hash.update(name).update(readFileSync(path));
  }
}

let codeDigest: string | undefined;
const tags = new WeakMap<AtlasStore, string>();

export function buildTag(store: AtlasStore): string {
  let tag = tags.get(store);
  if (!tag) {
    if (!codeDigest) {
      const hash = createHash('sha256');
      digestTree(SERVER_DIR, hash);
      codeDigest = hash.digest('base64url');
    }
    tag = createHash('sha256').update(store.inputsHash).update(codeDigest).digest('base64url').slice(0, 12);
    tags.set(store, tag);
  }
  return tag;
}

/** A weak ETag for an answer fixed by the build and the given request description (no quotes in it). */
export function requestEtag(store: AtlasStore, request: string): string {
  return `W/"${buildTag(store)}-${request}"`;
}
