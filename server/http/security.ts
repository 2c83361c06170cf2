// Response headers every answer carries: security headers, and CORS that lets any origin read
// (GET/HEAD) but never write.
import type { RequestHandler } from 'express';

export function securityHeaders(basemapStyleUrl: string | null): RequestHandler {
  const basemapOrigin = basemapStyleUrl ? ` ${new URL(basemapStyleUrl).origin}` : '';
  const csp = [
    "default-src 'self'",
    `connect-src 'self'${basemapOrigin}`,
    `img-src 'self' data: blob:${basemapOrigin}`,
    // MapLibre sets element styles and runs its workers from blob: URLs.
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    "child-src blob:",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)');
    res.setHeader('Content-Security-Policy', csp);
    next();
  };
}

export const readOnlyCors: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Content-Disposition, X-Registers-Counted, Link');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, Accept, Accept-Encoding');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};
