// Reads a register upload of at most REGISTER_UPLOAD_LIMIT bytes: a CSV or GeoJSON request body,
// or a multipart form with one file (and optional register and source fields), as browsers send.
// The bytes stream to a temporary file (never held in memory) for the import worker to read; every
// stream and parser error, including a form cut off before its closing boundary, becomes a 4xx.
import { createWriteStream, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { z } from 'zod';
import { badRequest, HttpProblem, problemFromZod } from '../../http/problem.ts';
import type { RegisterFormat } from '../check-rows.ts';
import { NO_CONTROL_CHARACTERS } from '../group-input.ts';

export const REGISTER_UPLOAD_LIMIT = 5 * 1024 * 1024;
/** The fields a register upload takes, as form fields or query parameters, with the same limits either way. */
export const UPLOAD_FIELDS = z
  .object({
    register: z.string().max(48, 'must be at most 48 characters').optional(),
    source: z.string().max(300, 'must be at most 300 characters').regex(NO_CONTROL_CHARACTERS, 'must not contain control characters').optional(),
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

const tooLarge = () => new HttpProblem(413, 'Content too large', `a register upload may be at most ${REGISTER_UPLOAD_LIMIT / 1024 / 1024} MB (${REGISTER_UPLOAD_LIMIT} bytes)`);
const unsupported = (what: string) =>
  new HttpProblem(415, 'Unsupported media type', `${what}; send text/csv, application/geo+json, or multipart/form-data with one CSV or GeoJSON file`);
const cutOff = () => badRequest('the upload ended before it was complete (the connection closed or the form has no closing boundary); nothing was imported');

function formatOf(mime: string, fileName: string | null): RegisterFormat | null {
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

/**
 * Copies a stream to `path`, failing with 413 past the limit. Resolves once the file is complete.
 * Past the limit the rest is drained unread, so the client gets the 413 rather than a reset socket.
 */
function spool(source: Readable, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    let size = 0;
    let failure: HttpProblem | null = null;
    const fail = (p: HttpProblem) => {
      if (failure) return;
      failure = p;
      source.unpipe(out);
      out.destroy();
      source.resume();
      reject(p);
    };
    source.on('data', (c: Buffer) => {
      size += c.length;
      if (size > REGISTER_UPLOAD_LIMIT) fail(tooLarge());
    });
    source.on('error', () => fail(cutOff()));
    source.on('aborted', () => fail(cutOff()));
    out.on('error', () => fail(new HttpProblem(507, 'Insufficient storage', 'the upload could not be stored on the server')));
    out.on('finish', () => (failure ? undefined : resolve()));
    source.pipe(out);
  });
}

function readMultipart(req: Request, path: string): Promise<Omit<Upload, 'path' | 'discard'>> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: REGISTER_UPLOAD_LIMIT, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });
    } catch {
      return reject(unsupported('the multipart form could not be read'));
    }
    const fields: Record<string, string> = {};
    let file: { format: RegisterFormat; name: string; written: Promise<void> } | null = null;
    let failed = false;
    const fail = (p: HttpProblem) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      reject(p);
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(badRequest(`form field "${name}" is longer than 10,000 bytes`));
      fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      // Every stream gets an error handler: a form cut off mid-file errors this one, not only busboy.
      stream.on('error', () => fail(cutOff()));
      const format = formatOf(info.mimeType, info.filename ?? null);
      if (!format) {
        stream.resume();
        return fail(unsupported(`the file "${info.filename}" is neither .csv nor .geojson`));
      }
      stream.on('limit', () => fail(tooLarge()));
      const written = spool(stream, path);
      written.catch(() => {}); // reported through fail() or at close
      file = { format, name: info.filename ?? 'upload', written };
    });
    bb.on('filesLimit', () => fail(badRequest('the form has more than one file; upload one register file at a time')));
    bb.on('fieldsLimit', () => fail(badRequest('the form has more than 10 fields; a register upload takes "register", "source" and one file')));
    bb.on('partsLimit', () => fail(badRequest('the form has too many parts; a register upload takes "register", "source" and one file')));
    bb.on('error', () => fail(cutOff()));
    req.on('aborted', () => fail(cutOff()));
    bb.on('close', () => {
      if (failed) return;
      if (!file) return fail(badRequest('the form has no file; attach the register as a CSV or GeoJSON file'));
      const parsed = UPLOAD_FIELDS.safeParse(fields);
      if (!parsed.success) return fail(problemFromZod(parsed.error, 'form field', Object.keys(UPLOAD_FIELDS.shape)));
      const f = file as { format: RegisterFormat; name: string; written: Promise<void> };
      f.written.then(() => resolve({ format: f.format, fileName: f.name, fields: parsed.data }), (p) => fail(p));
    });
    req.pipe(bb);
  });
}

/** Streams the upload to a temporary file next to the registers database. */
export async function readUpload(req: Request, registersDbPath: string): Promise<Upload> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > REGISTER_UPLOAD_LIMIT + 64 * 1024) throw tooLarge(); // headroom for multipart framing
  const mime = req.headers['content-type'] ?? '';
  const path = uploadPath(registersDbPath);
  const discard = () => rmSync(path, { force: true });
  try {
    if (/^multipart\/form-data/i.test(mime)) return { ...(await readMultipart(req, path)), path, discard };
    const format = formatOf(mime, null);
    if (!format) throw unsupported(mime ? `"${mime}" is not a register format` : 'the request has no Content-Type');
    await spool(req, path);
    return { format, path, fileName: null, fields: {}, discard };
  } catch (err) {
    discard();
    throw err;
  }
}
