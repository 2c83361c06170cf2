// Reads a register upload of at most REGISTER_UPLOAD_LIMIT bytes: a CSV or GeoJSON request body,
// or a multipart form with one file (and optional register and source fields), as browsers send.
import busboy from 'busboy';
import type { Request } from 'express';
import { HttpProblem } from '../../http/problem.ts';
import type { RegisterFormat } from '../check-rows.ts';

export const REGISTER_UPLOAD_LIMIT = 5 * 1024 * 1024;

export interface Upload {
  format: RegisterFormat;
  content: string | object;
  fileName: string | null;
  fields: Record<string, string>;
}

const tooLarge = () => new HttpProblem(413, 'Content too large', `a register upload may be at most ${REGISTER_UPLOAD_LIMIT / 1024 / 1024} MB (${REGISTER_UPLOAD_LIMIT} bytes)`);
const unsupported = (what: string) =>
  new HttpProblem(415, 'Unsupported media type', `${what}; send text/csv, application/geo+json, or multipart/form-data with one CSV or GeoJSON file`);

function formatOf(mime: string, fileName: string | null): RegisterFormat | null {
  const ext = fileName?.toLowerCase().match(/\.(csv|geojson|json)$/)?.[1];
  if (ext) return ext === 'csv' ? 'csv' : 'geojson';
  if (/^(text\/csv|application\/csv|text\/plain)/i.test(mime)) return 'csv';
  if (/^application\/(geo\+)?json/i.test(mime)) return 'geojson';
  return null;
}

function readBody(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained unread, so the client gets the 413 rather than a reset socket.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= REGISTER_UPLOAD_LIMIT) chunks.push(c);
    });
    req.on('end', () => (size > REGISTER_UPLOAD_LIMIT ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function readMultipart(req: Request): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: REGISTER_UPLOAD_LIMIT, files: 1, fields: 10, fieldSize: 10_000 } });
    } catch {
      return reject(unsupported('the multipart form could not be read'));
    }
    const fields: Record<string, string> = {};
    let file: { format: RegisterFormat; chunks: Buffer[]; name: string } | null = null;
    let failed = false;
    const fail = (p: HttpProblem) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      reject(p);
    };
    bb.on('field', (name, value) => (fields[name] = value));
    bb.on('file', (_field, stream, info) => {
      const format = formatOf(info.mimeType, info.filename ?? null);
      if (!format) {
        stream.resume();
        return fail(unsupported(`the file "${info.filename}" is neither .csv nor .geojson`));
      }
      file = { format, chunks: [], name: info.filename ?? 'upload' };
      stream.on('data', (c: Buffer) => file!.chunks.push(c));
      stream.on('limit', () => fail(tooLarge()));
    });
    bb.on('error', () => fail(new HttpProblem(400, 'Bad request', 'the multipart form is malformed')));
    bb.on('close', () => {
      if (failed) return;
      if (!file) return fail(new HttpProblem(400, 'Bad request', 'the form has no file; attach the register as a CSV or GeoJSON file'));
      const f = file as { format: RegisterFormat; chunks: Buffer[]; name: string };
      resolve({ format: f.format, content: Buffer.concat(f.chunks).toString('utf8'), fileName: f.name, fields });
    });
    req.pipe(bb);
  });
}

export async function readUpload(req: Request): Promise<Upload> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > REGISTER_UPLOAD_LIMIT + 64 * 1024) throw tooLarge(); // headroom for multipart framing
  const mime = req.headers['content-type'] ?? '';
  if (/^multipart\/form-data/i.test(mime)) return readMultipart(req);
  // express.json() (mounted app-wide) has already read application/json bodies; take what it parsed.
  if (req.readableEnded) return { format: 'geojson', content: req.body ?? {}, fileName: null, fields: {} };
  const format = formatOf(mime, null);
  if (!format) throw unsupported(mime ? `"${mime}" is not a register format` : 'the request has no Content-Type');
  return { format, content: (await readBody(req)).toString('utf8'), fileName: null, fields: {} };
}
