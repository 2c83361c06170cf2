// Errors as values: each carries its HTTP status, and one renderer turns any of them into
// RFC 9457 application/problem+json. Nothing else (no stack, SQL or path) ever reaches a client.
import type { ErrorRequestHandler } from 'express';
import type { ZodError } from 'zod';
import { WorkBusy } from '../cache/work-limiter.ts';
import { RegisterError } from '../registers/register-name.ts';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, extra: Record<string, unknown> = {}) => new HttpProblem(400, 'Bad request', detail, extra);
export const notFound = (detail: string, extra: Record<string, unknown> = {}) => new HttpProblem(404, 'Not found', detail, extra);

/**
 * Names the parameter the first zod issue is about: `parameter "bbox": …`. An unknown parameter is
 * named too, with the parameters the resource does take (`allowed`).
 */
export function problemFromZod(error: ZodError, where = 'parameter', allowed: readonly string[] = []): HttpProblem {
  // A query parameter is named as given ("service", not "service.0" for the first item of its list).
  const nameOf = (path: PropertyKey[]) => (where === 'parameter' ? path.slice(0, 1) : path).map(String).join('.');
  const invalid = error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ name: k, reason: 'unknown parameter' })) : [{ name: nameOf(i.path), reason: i.message }],
  );
  const first = invalid[0];
  const takes = allowed.length ? `; this resource takes ${allowed.join(', ')}` : where === 'parameter' ? '; this resource takes no parameters' : '';
  const detail = first.reason === 'unknown parameter' ? `${where} "${first.name}" is not known here${takes}` : first.name ? `${where} "${first.name}": ${first.reason}` : first.reason;
  return badRequest(detail, { invalid_params: invalid });
}

export function sendProblem(res: import('express').Response, p: HttpProblem, instance?: string) {
  if (typeof p.extra.retry_after_seconds === 'number') res.setHeader('Retry-After', String(p.extra.retry_after_seconds));
  res
    .status(p.status)
    .type('application/problem+json')
    .setHeader('Cache-Control', 'no-store')
    .send(problemJson(p, instance));
}

/** The problem+json body of a problem. */
export function problemJson(p: HttpProblem, instance?: string): string {
  return JSON.stringify({ type: 'about:blank', title: p.title, status: p.status, detail: p.detail, instance, ...p.extra });
}

/** The problem a lower layer's own error stands for (they know no HTTP); null for any other error. */
function problemOf(err: unknown): HttpProblem | null {
  if (err instanceof HttpProblem) return err;
  if (err instanceof WorkBusy) return new HttpProblem(503, 'Busy', err.message, { retry_after_seconds: err.retryAfterSeconds });
  if (err instanceof RegisterError)
    return new HttpProblem(err.status, err.title, err.detail, { ...(err.report ? { report: err.report } : {}), ...(err.retryAfterSeconds !== null ? { retry_after_seconds: err.retryAfterSeconds } : {}) });
  return null;
}

/** The single error renderer. Unknown errors become a bare 500; the real error goes to the server log only. */
export const problemRenderer: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) return;
  const problem = problemOf(err);
  if (problem) return sendProblem(res, problem, req.originalUrl);
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 413) return sendProblem(res, new HttpProblem(413, 'Content too large', err.limit ? `request body exceeds the ${err.limit}-byte limit` : 'request body is too large'), req.originalUrl);
  if (err instanceof URIError) return sendProblem(res, badRequest('the URL has malformed percent-encoding'), undefined);
  if (status === 400 && err?.type === 'entity.parse.failed') return sendProblem(res, badRequest('request body is not valid JSON'), req.originalUrl);
  if (status < 500) return sendProblem(res, new HttpProblem(status, 'Bad request', 'the request could not be processed'), req.originalUrl);
  console.error(`[atlas] ${req.method} ${req.originalUrl} failed:`, err);
  return sendProblem(res, new HttpProblem(500, 'Internal server error', 'the server could not answer this request; it has been logged'), req.originalUrl);
};

/**
 * A whole HTTP/1.1 problem response as bytes, for requests Node's parser refused before any handler
 * ran (malformed, headers too large, too slow): written straight to the socket, which then closes.
 */
export function rawProblemResponse(err: { code?: string }): string {
  const [status, title, detail]: [number, string, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request header fields too large', 'the request headers are larger than the server accepts (16 kB)']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request timeout', 'the request was not received in time']
        : [400, 'Bad request', `the request is not well-formed HTTP/1.1 (${err.code ?? 'parse error'})`];
  const body = problemJson(new HttpProblem(status, title, detail));
  return `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
