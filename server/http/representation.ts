// Pre-serialised responses: each body is serialised once, compressed at most once per encoding
// (on first demand) and given an ETag, so repeat requests cost a map look-up and a socket write.
// Large bodies are compressed on libuv's thread pool (zlib's async API) so the event loop keeps
// serving; caches are bounded in bytes, and only a few new representations are built at once.
import { strongEtag } from '../cache/etag.ts';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface Representation {
  contentType: string;
  body: Buffer;
  etag: string;
  cacheControl: string;
  headers: Record<string, string>;
  /** The body in the given encoding once it is ready: a Buffer when already compressed (or small
   *  enough to compress inline), otherwise a promise settled by the zlib thread pool. */
  encoded(encoding: Encoding): Buffer | Promise<Buffer>;
  /** Bytes held: the body plus every encoding made so far (what a byte-bounded cache counts). */
  readonly bytes: number;
}

/** What a handler hands back: a ready representation, or one still being built or compressed. */
export type Served = Representation | Promise<Representation>;

// Revalidate every time: an import can change group counts at any moment, and a matching ETag costs a 304.
export const CACHE_SHORT = 'public, no-cache';
export const NO_STORE = 'no-store';

/**
 * `stored`: the representation is cached and served many times, so spend CPU once for the smallest
 * bytes. `fresh`: built for one request (lookups, pages), so compress quickly: brotli 11 costs ~5 ms
 * even on a 3 kB body, which would cap a per-request endpoint at ~200 requests/s.
 */
export type Effort = 'stored' | 'fresh';

/** Bodies up to this size are compressed inline (well under a millisecond at `fresh` effort); larger ones off the event loop. */
export const INLINE_COMPRESS_MAX = 32 * 1024;

const brotliAsync = promisify<Buffer, BrotliOptions, Buffer>(brotliCompress);
const gzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gzip);

function zlibOptions(raw: Buffer, encoding: 'br' | 'gzip', effort: Effort): BrotliOptions & ZlibOptions {
  if (encoding === 'gzip') return { level: effort === 'stored' ? 9 : 6 };
  // Quality 9 compresses within a few % of 11 at a fraction of the time for megabyte bodies.
  const quality = effort === 'fresh' ? 5 : raw.length > 200_000 ? 9 : 11;
  return { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } };
}

/** Compresses a body: inline when small (and cheap), on the zlib thread pool otherwise. */
export function compress(raw: Buffer, encoding: 'br' | 'gzip', effort: Effort): Buffer | Promise<Buffer> {
  const options = zlibOptions(raw, encoding, effort);
  const inline = raw.length <= INLINE_COMPRESS_MAX && !(encoding === 'br' && effort === 'stored');
  if (inline) return encoding === 'gzip' ? gzipSync(raw, options) : brotliCompressSync(raw, options);
  return encoding === 'gzip' ? gzipAsync(raw, options) : brotliAsync(raw, options);
}

export function represent(
  body: string | Buffer,
  contentType: string,
  opts: { cacheControl?: string; headers?: Record<string, string>; etag?: string; effort?: Effort } = {},
): Representation {
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  const effort = opts.effort ?? 'stored';
  const done = new Map<Encoding, Buffer>([['identity', raw]]);
  // One compression per encoding even when many requests ask at once.
  const pending = new Map<Encoding, Promise<Buffer>>();
  let bytes = raw.length;
  const keep = (encoding: Encoding, out: Buffer) => {
    bytes += out.length - (done.get(encoding)?.length ?? 0);
    done.set(encoding, out);
    return out;
  };
  return {
    contentType,
    body: raw,
    etag: opts.etag ?? strongEtag(raw),
    cacheControl: opts.cacheControl ?? CACHE_SHORT,
    headers: opts.headers ?? {},
    get bytes() {
      return bytes;
    },
    encoded(encoding) {
      const ready = done.get(encoding) ?? pending.get(encoding);
      if (ready) return ready;
      const enc = encoding as 'br' | 'gzip';
      // A large stored body is first compressed quickly, so the request that built it (often the
      // first after an import changed the counts) is not held up by brotli 11; the smallest
      // encoding replaces it in the background once the thread pool has made it.
      const quickFirst = effort === 'stored' && raw.length > INLINE_COMPRESS_MAX;
      const out = compress(raw, enc, quickFirst ? 'fresh' : effort);
      if (Buffer.isBuffer(out)) return keep(encoding, out);
      const settled = out
        .then((b) => {
          if (quickFirst) Promise.resolve(compress(raw, enc, 'stored')).then((best) => keep(encoding, best), () => {});
          return keep(encoding, b);
        })
        .finally(() => pending.delete(encoding));
      pending.set(encoding, settled);
      return settled;
    },
  };
}

/** Picks br, then gzip, then identity, honouring q=0. */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  // Clients send a handful of distinct headers ("br, gzip", "gzip, deflate, br, zstd"), so each is parsed once.
  let encoding = negotiated.get(header);
  if (encoding === undefined) {
    if (negotiated.size >= 64) negotiated.clear();
    negotiated.set(header, (encoding = parseAcceptEncoding(header)));
  }
  return encoding;
}

const negotiated = new Map<string, Encoding>();

function parseAcceptEncoding(header: string): Encoding {
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

function writeBody(req: IncomingMessage, res: ServerResponse, rep: Representation, encoding: Encoding, payload: Buffer) {
  res.setHeader('Content-Type', rep.contentType);
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', String(payload.length));
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/**
 * Below this size compression saves less than a packet while costing a compressor per response
 * (about a fifth of a small answer's CPU), so small bodies go as they are, whatever the client accepts.
 */
export const MIN_COMPRESSED_BYTES = 1500;

/**
 * Sends the representation; returns a promise only when a compression had to wait for the thread pool.
 * Works on plain node:http objects, so the lean read path (lean-reads.ts) can send without Express.
 */
export function sendRepresentation(req: IncomingMessage, res: ServerResponse, rep: Representation): void | Promise<void> {
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
  if (Buffer.isBuffer(payload)) return writeBody(req, res, rep, encoding, payload);
  return payload.then((b) => writeBody(req, res, rep, encoding, b));
}

/** Header names and values in one flat list, as res.writeHead takes them. */
export type FlatHeaders = string[];

/**
 * The head of a 200 in one encoding, computed once per cached representation and payload (a quickly
 * compressed payload is later replaced by a smaller one, with another Content-Length).
 */
const flatHeads = new WeakMap<Representation, Partial<Record<Encoding, { payload: Buffer; head: FlatHeaders }>>>();

function headFor(rep: Representation, encoding: Encoding, payload: Buffer, common: FlatHeaders, keep: boolean): FlatHeaders {
  const kept = keep ? flatHeads.get(rep)?.[encoding] : undefined;
  if (kept && kept.payload === payload) return kept.head;
  const head = [...common, 'ETag', rep.etag, 'Cache-Control', rep.cacheControl, 'Vary', 'Accept-Encoding'];
  for (const k in rep.headers) head.push(k, rep.headers[k]);
  head.push('Content-Type', rep.contentType, 'Content-Length', String(payload.length));
  if (encoding !== 'identity') head.push('Content-Encoding', encoding);
  if (keep) {
    let heads = flatHeads.get(rep);
    if (!heads) flatHeads.set(rep, (heads = {}));
    heads[encoding] = { payload, head };
  }
  return head;
}

/**
 * sendRepresentation for the lean read path: the whole head goes out in one res.writeHead with a flat
 * list (no setHeader per header), and a cached representation keeps its head per encoding, so a
 * repeat answer costs a negotiation, an ETag comparison and one write. `common` are the headers every
 * read carries (security, CORS). Returns a promise only when a compression had to wait for the thread pool.
 */
export function sendFlat(req: IncomingMessage, res: ServerResponse, rep: Representation, common: FlatHeaders, cached: boolean): void | Promise<void> {
  if (etagMatches(req.headers['if-none-match'], rep.etag)) {
    const head = [...common, 'ETag', rep.etag, 'Cache-Control', rep.cacheControl, 'Vary', 'Accept-Encoding'];
    for (const k in rep.headers) head.push(k, rep.headers[k]);
    res.writeHead(304, head).end();
    return;
  }
  const encoding = rep.body.length < MIN_COMPRESSED_BYTES ? 'identity' : negotiateEncoding(req.headers['accept-encoding']);
  const write = (payload: Buffer) => {
    res.writeHead(200, headFor(rep, encoding, payload, common, cached));
    res.end(req.method === 'HEAD' ? undefined : payload);
  };
  const payload = rep.encoded(encoding);
  if (Buffer.isBuffer(payload)) return write(payload);
  return payload.then(write);
}
