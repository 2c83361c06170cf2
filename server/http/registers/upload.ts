// Reads a register upload of at most REGISTER_UPLOAD_LIMIT bytes (CCEW_UPLOAD_LIMIT for the Charity
// Commission's extract, format=ccew): a CSV, GeoJSON or extract request body, or a multipart form with
// one file (and optional register, source, comparison and format fields), as browsers send.
// The bytes stream to a temporary file (never held in memory) for the import worker to read; every
// stream and parser error, including a form cut off before its closing boundary, becomes a 4xx.
import { createWriteStream, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { z } from 'zod';
import { COMPARISONS } from '../../domain/density.ts';
import { badRequest, HttpProblem, problemFromZod } from '../problem.ts';
import { REGISTER_FORMATS, type RegisterFormat } from '../../registers/check-rows.ts';
import { TEXT_ENCODINGS } from '../../registers/decode-text.ts';
import { NO_CONTROL_CHARACTERS } from '../../registers/group-input.ts';
import { CCEW_UPLOAD_LIMIT, REGISTER_UPLOAD_LIMIT } from '../../config/limits.ts';

export { CCEW_UPLOAD_LIMIT, REGISTER_UPLOAD_LIMIT };
/** The fields a register upload takes, as form fields or query parameters, with the same limits either way. */
export const UPLOAD_FIELDS = z
  .object({
    register: z.string().max(48, 'must be at most 48 characters').optional(),
    source: z.string().max(300, 'must be at most 300 characters').regex(NO_CONTROL_CHARACTERS, 'must not contain control characters').optional(),
    /** Which published density figure the register may be compared with (issue 11); 'none' unless said. */
    comparison: z.enum(COMPARISONS, { error: `must be one of ${COMPARISONS.join(', ')}` }).optional(),
    /** ccew: the Charity Commission's publicextract.charity file (JSON or tab-separated, or the zip they come in); otherwise from the media type. */
    format: z.enum(REGISTER_FORMATS, { error: `must be one of ${REGISTER_FORMATS.join(', ')}` }).optional(),
    /** The file's text encoding, when detection (UTF-8, UTF-16 by its mark, else Windows-1252) would guess wrong. */
    encoding: z.enum(TEXT_ENCODINGS, { error: `must be one of ${TEXT_ENCODINGS.join(', ')}` }).optional(),
  })
  .strict();
export type UploadFields = z.output<typeof UPLOAD_FIELDS>;

export interface Upload {
  format: RegisterFormat;
  /** The uploaded bytes on disk; the caller removes the file with discard(). */
  path: string;
  fileName: string | null;
  fields: UploadFields;
  discard(): void;
}

const limitFor = (format: RegisterFormat | undefined) => (format === 'ccew' ? CCEW_UPLOAD_LIMIT : REGISTER_UPLOAD_LIMIT);
const tooLarge = (limit: number) =>
  new HttpProblem(413, 'Content too large', `a ${limit === CCEW_UPLOAD_LIMIT ? 'Charity Commission extract' : 'register upload'} may be at most ${limit / 1024 / 1024} MB (${limit} bytes)`);
const unsupported = (what: string) =>
  new HttpProblem(415, 'Unsupported media type', `${what}; send text/csv, application/geo+json, or multipart/form-data with one CSV or GeoJSON file (the Charity Commission extract with format=ccew)`);
const cutOff = () => badRequest('the upload ended before it was complete (the connection closed or the form has no closing boundary); nothing was imported');

function formatOf(mime: string, fileName: string | null, asked: RegisterFormat | undefined): RegisterFormat | null {
  // The extract is JSON or plain text, so its media type cannot tell it from a register of ours: it is asked for, or named as the Commission names it.
  if (asked === 'ccew' || /publicextract\.charity\.(json|txt|zip)$/i.test(fileName ?? '')) return 'ccew';
  const ext = fileName?.toLowerCase().match(/\.(csv|geojson|json)$/)?.[1];
  if (ext) return ext === 'csv' ? 'csv' : 'geojson';
  if (/^(text\/csv|application\/csv|text\/plain)/i.test(mime)) return 'csv';
  if (/^application\/(geo\+)?json/i.test(mime)) return 'geojson';
  return null;
}

let uploads = 0;
/** Next to the registers database, named with our pid, so start-up can remove files a killed server left. */
export function uploadPath(registersDbPath: string): string {
  return join(dirname(registersDbPath), `upload.${process.pid}.${++uploads}.tmp`);
}

/** A file being written from an upload: settles once its descriptor is closed, whatever the outcome. */
interface Spooling {
  written: Promise<void>;
  /** Stops writing; `written` then rejects with `p` once the descriptor is closed. */
  abort(p: HttpProblem): void;
}

/**
 * Copies a stream to `path`, failing with 413 past the limit. `written` resolves once the file is
 * complete, and rejects only after the write stream has closed its descriptor (its open is
 * asynchronous: removing the file before then would leave it behind, and the descriptor open).
 * Past the limit the rest is drained unread, so the client gets the 413 rather than a reset socket.
 */
function spool(source: Readable, path: string, limit: number): Spooling {
  const out = createWriteStream(path);
  let abort: (p: HttpProblem) => void = () => {};
  const written = new Promise<void>((resolve, reject) => {
    let size = 0;
    let failure: HttpProblem | null = null;
    const fail = (p: HttpProblem) => {
      if (failure) return;
      failure = p;
      source.unpipe(out);
      source.resume();
      if (out.closed) reject(p);
      else {
        out.once('close', () => reject(p));
        out.destroy();
      }
    };
    abort = fail;
    source.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) fail(tooLarge(limit));
    });
    source.on('error', () => fail(cutOff()));
    source.on('aborted', () => fail(cutOff()));
    out.on('error', () => fail(new HttpProblem(507, 'Insufficient storage', 'the upload could not be stored on the server')));
    out.on('close', () => (failure ? undefined : resolve()));
    source.pipe(out);
  });
  written.catch(() => {}); // reported by whoever awaits it
  return { written, abort: (p) => abort(p) };
}

function readMultipart(req: Request, path: string, asked: RegisterFormat | undefined): Promise<Omit<Upload, 'path' | 'discard'>> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // The file's own limit is set once its format is known (spool); busboy only stops the largest.
      bb = busboy({ headers: req.headers, limits: { fileSize: CCEW_UPLOAD_LIMIT, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });
    } catch {
      return reject(unsupported('the multipart form could not be read'));
    }
    // No prototype: a field named __proto__ is a field like any other (and refused as unknown).
    const fields: Record<string, string> = Object.create(null);
    let file: { format: RegisterFormat; name: string; spooling: Spooling } | null = null;
    let failed = false;
    // A refused form is answered only once its file (if one was begun) is closed, so the caller's
    // removal of the file cannot run before the file exists.
    const fail = (p: HttpProblem) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      const begun = file as { spooling: Spooling } | null;
      if (!begun) return reject(p);
      begun.spooling.abort(p);
      begun.spooling.written.then(() => reject(p), () => reject(p));
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(badRequest(`form field "${name}" is longer than 10,000 bytes`));
      // A repeated field (the same or a conflicting value) is refused, not silently overwritten.
      if (Object.hasOwn(fields, name)) return fail(badRequest(`form field "${name}" appears more than once; send each field once`, { invalid_params: [{ name, reason: 'repeated' }] }));
      fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      // Every stream gets an error handler: a form cut off mid-file errors this one, not only busboy.
      stream.on('error', () => fail(cutOff()));
      // A form already refused (a field before the file was too long) writes nothing.
      if (failed) return void stream.resume();
      // A format field sent before the file counts; the query parameter counts always.
      const format = formatOf(info.mimeType, info.filename ?? null, asked ?? (fields.format as RegisterFormat | undefined));
      if (!format) {
        stream.resume();
        return fail(unsupported(`the file "${info.filename}" is neither .csv nor .geojson`));
      }
      stream.on('limit', () => fail(tooLarge(CCEW_UPLOAD_LIMIT)));
      const spooling = spool(stream, path, limitFor(format));
      spooling.written.catch((p: HttpProblem) => fail(p));
      file = { format, name: info.filename ?? 'upload', spooling };
    });
    bb.on('filesLimit', () => fail(badRequest('the form has more than one file; upload one register file at a time')));
    bb.on('fieldsLimit', () => fail(badRequest('the form has more than 10 fields; a register upload takes "register", "source" and one file')));
    bb.on('partsLimit', () => fail(badRequest('the form has too many parts; a register upload takes "register", "source" and one file')));
    bb.on('error', () => fail(cutOff()));
    req.on('aborted', () => fail(cutOff()));
    bb.on('close', () => {
      if (failed) return;
      if (!file) return fail(badRequest('the form has no file; attach the register as a CSV or GeoJSON file'));
      const parsed = UPLOAD_FIELDS.safeParse({ ...fields });
      if (!parsed.success) return fail(problemFromZod(parsed.error, 'form field', Object.keys(UPLOAD_FIELDS.shape)));
      const f = file as { format: RegisterFormat; name: string; spooling: Spooling };
      f.spooling.written.then(() => resolve({ format: f.format, fileName: f.name, fields: parsed.data }), (p) => fail(p));
    });
    req.pipe(bb);
  });
}

/** Streams the upload to a temporary file next to the registers database. */
export async function readUpload(req: Request, registersDbPath: string, asked?: RegisterFormat): Promise<Upload> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const multipart = /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
  // A form may say format=ccew only inside itself, so its declared length is held to the larger limit.
  const limit = limitFor(multipart ? (asked ?? 'ccew') : asked);
  if (declared > limit + 64 * 1024) throw tooLarge(limit); // headroom for multipart framing
  const mime = req.headers['content-type'] ?? '';
  const path = uploadPath(registersDbPath);
  const discard = () => rmSync(path, { force: true });
  try {
    if (multipart) return { ...(await readMultipart(req, path, asked)), path, discard };
    const format = formatOf(mime, null, asked);
    if (!format) throw unsupported(mime ? `"${mime}" is not a register format` : 'the request has no Content-Type');
    await spool(req, path, limitFor(format)).written;
    return { format, path, fileName: null, fields: {}, discard };
  } catch (err) {
    discard();
    throw err;
  }
}
