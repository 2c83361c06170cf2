// Pre-serialised responses: each body is serialised once, compressed at most once per encoding
// (on first demand) and given an ETag, so repeat requests cost a map look-up and a socket write.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface Representation {
  contentType: string;
  body: Buffer;
  etag: string;
  cacheControl: string;
  headers: Record<string, string>;
  /** The body in the given encoding, compressed on first use and kept. */
  encoded(encoding: Encoding): Buffer;
}

// Revalidate every time: an import can change group counts at any moment, and a matching ETag costs a 304.
export const CACHE_SHORT = 'public, no-cache';
export const NO_STORE = 'no-store';

/**
 * `stored`: the representation is cached and served many times, so spend CPU once for the smallest
 * bytes. `fresh`: built for one request (lookups, pages), so compress quickly: brotli 11 costs ~5 ms
 * even on a 3 kB body, which would cap a per-request endpoint at ~200 requests/s.
 */
export type Effort = 'stored' | 'fresh';

function compress(raw: Buffer, encoding: 'br' | 'gzip', effort: Effort): Buffer {
  if (encoding === 'gzip') return gzipSync(raw, { level: effort === 'stored' ? 9 : 6 });
  // Quality 9 compresses within a few % of 11 at a fraction of the time for megabyte bodies.
  const quality = effort === 'fresh' ? 5 : raw.length > 200_000 ? 9 : 11;
  return brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
}

export function strongEtag(data: string | Buffer): string {
  return `"${createHash('sha256').update(data).digest('base64url').slice(0, 27)}"`;
}

export function represent(
  body: string | Buffer,
  contentType: string,
  opts: { cacheControl?: string; headers?: Record<string, string>; etag?: string; effort?: Effort } = {},
): Representation {
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  const effort = opts.effort ?? 'stored';
  const encodings = new Map<Encoding, Buffer>([['identity', raw]]);
  return {
    contentType,
    body: raw,
    etag: opts.etag ?? strongEtag(raw),
    cacheControl: opts.cacheControl ?? CACHE_SHORT,
    headers: opts.headers ?? {},
    encoded(encoding) {
      let out = encodings.get(encoding);
      if (!out) encodings.set(encoding, (out = compress(raw, encoding as 'br' | 'gzip', effort)));
      return out;
    },
  };
}

/** Picks br, then gzip, then identity, honouring q=0. */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (enc: string) => (accepted.get(enc) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored on both sides. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => opaque(t) === opaque(etag));
}

/**
 * Below this size compression saves less than a packet while costing a compressor per response
 * (about a fifth of a small answer's CPU), so small bodies go as they are, whatever the client accepts.
 */
export const MIN_COMPRESSED_BYTES = 1500;

/** Works on plain node:http objects, so the lean read path (lean-reads.ts) can send without Express. */
export function sendRepresentation(req: IncomingMessage, res: ServerResponse, rep: Representation): void {
  res.setHeader('ETag', rep.etag);
  res.setHeader('Cache-Control', rep.cacheControl);
  res.setHeader('Vary', 'Accept-Encoding');
  for (const [k, v] of Object.entries(rep.headers)) res.setHeader(k, v);
  if (etagMatches(req.headers['if-none-match'], rep.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = rep.body.length < MIN_COMPRESSED_BYTES ? 'identity' : negotiateEncoding(req.headers['accept-encoding']);
  const payload = rep.encoded(encoding);
  res.setHeader('Content-Type', rep.contentType);
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', String(payload.length));
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** A bounded map of representations, least recently used evicted first; keys are canonical request descriptions. */
export class RepresentationCache {
  private readonly map = new Map<string, Representation>();
  constructor(private readonly maxEntries = 256) {}

  get(key: string, make: () => Representation): Representation {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const rep = make();
    this.map.set(key, rep);
    if (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!);
    return rep;
  }

  clear() {
    this.map.clear();
  }

  get size() {
    return this.map.size;
  }
}
