// Adapters between plain handlers and Express: a handler returns a value or a Representation, and
// these send it with compression, ETag and 304 handling, or pass a thrown problem to the renderer.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { represent, sendRepresentation, type Representation } from './representation.ts';

/** A value serialised for this request only (compressed quickly on demand, not cached). */
export function json(handler: (req: Request) => unknown, contentType = 'application/json', cacheControl?: string): RequestHandler {
  return prebuilt((req) => represent(JSON.stringify(handler(req)), contentType, { cacheControl, effort: 'fresh' }));
}

export function prebuilt(handler: (req: Request) => Representation): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      sendRepresentation(req, res, handler(req));
    } catch (err) {
      next(err);
    }
  };
}
