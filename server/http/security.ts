// Response headers every answer carries: security headers, and CORS that lets any origin read
// (GET/HEAD) but never write.
import type { RequestHandler } from 'express';

/** The security headers of every answer, as name/value pairs (the lean read path sets them itself). */
export function securityHeaderPairs(basemapStyleUrl: string | null): [string, string][] {
  const basemapOrigin = basemapStyleUrl ? ` ${new URL(basemapStyleUrl).origin}` : '';
  const csp = [
    "default-src 'self'",
    `connect-src 'self'${basemapOrigin}`,
    `img-src 'self' data: blob:${basemapOrigin}`,
    // MapLibre sets element styles and runs its workers from blob: URLs.
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    'child-src blob:',
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
  return [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)'],
    ['Content-Security-Policy', csp],
  ];
}

export function securityHeaders(basemapStyleUrl: string | null): RequestHandler {
  const pairs = securityHeaderPairs(basemapStyleUrl);
  return (_req, res, next) => {
    for (const [name, value] of pairs) res.setHeader(name, value);
    next();
  };
}

/** CORS for reads: any origin may read, and see these headers. */
export const READ_CORS_HEADERS: [string, string][] = [
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Expose-Headers', 'ETag, Content-Disposition, X-Registers-Counted, Link, X-Total-Count, X-Limit-Clamped'],
];

export const readOnlyCors: RequestHandler = (req, res, next) => {
  for (const [name, value] of READ_CORS_HEADERS) res.setHeader(name, value);
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, Accept, Accept-Encoding');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};
