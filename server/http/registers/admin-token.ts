// Guards the register write endpoints with the ATLAS_ADMIN_TOKEN bearer token. With no token
// configured they are switched off; a missing token is 401 (with WWW-Authenticate), a wrong one 403,
// an over-long one 400; a client address that sends too many wrong tokens is answered 429 for a while.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { badRequest, HttpProblem } from '../problem.ts';
import { FAILED_TOKEN_CLIENTS, FAILED_TOKEN_WINDOW_MS, FAILED_TOKENS_PER_WINDOW, TOKEN_MAX_CHARS } from '../../config/limits.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Failed tokens per client address in the current window; the oldest addresses are forgotten past the cap. */
export class FailedTokens {
  private readonly byClient = new Map<string, { since: number; count: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until the client may try again, or 0 when it may try now. */
  blockedFor(client: string): number {
    const seen = this.byClient.get(client);
    if (!seen || this.now() - seen.since >= FAILED_TOKEN_WINDOW_MS) return 0;
    return seen.count >= FAILED_TOKENS_PER_WINDOW ? Math.ceil((seen.since + FAILED_TOKEN_WINDOW_MS - this.now()) / 1000) : 0;
  }

  failed(client: string): void {
    const seen = this.byClient.get(client);
    if (seen && this.now() - seen.since < FAILED_TOKEN_WINDOW_MS) {
      seen.count++;
      return;
    }
    this.byClient.delete(client);
    if (this.byClient.size >= FAILED_TOKEN_CLIENTS) this.byClient.delete(this.byClient.keys().next().value as string);
    this.byClient.set(client, { since: this.now(), count: 1 });
  }
}

export function requireAdminToken(token: string | null, failures = new FailedTokens()): RequestHandler {
  const expected = token ? digest(token) : null;
  return (req, res, next) => {
    if (!expected)
      return next(
        new HttpProblem(403, 'Write endpoints disabled', 'this server has no ATLAS_ADMIN_TOKEN configured, so registers cannot be changed over HTTP; set one and restart, or use `npm run import:groups`'),
      );
    // Express's req.ip: the socket's address, or the proxy's forwarded one when 'trust proxy' is set.
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = failures.blockedFor(client);
    if (wait > 0)
      return next(new HttpProblem(429, 'Too many requests', `too many wrong admin tokens from this address; try again in ${wait} s`, { retry_after_seconds: wait }));
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="atlas registers"');
      return next(new HttpProblem(401, 'Unauthorized', 'send the admin token as "Authorization: Bearer <token>"'));
    }
    if (match[1].length > TOKEN_MAX_CHARS) {
      failures.failed(client);
      return next(badRequest(`the bearer token is longer than ${TOKEN_MAX_CHARS} characters`, { invalid_params: [{ name: 'Authorization', reason: 'too long' }] }));
    }
    // Compare digests in constant time, so response timing says nothing about the token.
    if (!timingSafeEqual(digest(match[1]), expected)) {
      failures.failed(client);
      return next(new HttpProblem(403, 'Forbidden', 'the bearer token is not the admin token'));
    }
    next();
  };
}
