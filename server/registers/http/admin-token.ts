// Guards the register write endpoints with the ATLAS_ADMIN_TOKEN bearer token. With no token
// configured they are switched off; a missing token is 401 (with WWW-Authenticate), a wrong one 403.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpProblem } from '../../http/problem.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function requireAdminToken(token: string | null): RequestHandler {
  const expected = token ? digest(token) : null;
  return (req, res, next) => {
    if (!expected)
      return next(
        new HttpProblem(403, 'Write endpoints disabled', 'this server has no ATLAS_ADMIN_TOKEN configured, so registers cannot be changed over HTTP; set one and restart, or use `npm run import:groups`'),
      );
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="atlas registers"');
      return next(new HttpProblem(401, 'Unauthorized', 'send the admin token as "Authorization: Bearer <token>"'));
    }
    // Compare digests in constant time, so response timing says nothing about the token.
    if (!timingSafeEqual(digest(match[1]), expected)) return next(new HttpProblem(403, 'Forbidden', 'the bearer token is not the admin token'));
    next();
  };
}
