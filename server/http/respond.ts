// Adapters between plain handlers and Express: a handler returns a value or a Representation, and
// these send it with compression, ETag and 304 handling, or pass a thrown problem to the renderer.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { represent, sendRepresentation, type Representation, type Served } from './representation.ts';

/** A value serialised for this request only (compressed quickly on demand, not cached). */
export function fresh(value: unknown, contentType = 'application/json', cacheControl?: string): Representation {
  return represent(JSON.stringify(value), contentType, { cacheControl, effort: 'fresh' });
}

/** Sends what the handler returns; a representation still being built or compressed is awaited (errors go to the renderer). */
export function prebuilt(handler: (req: Request) => Served): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      const rep = handler(req);
      const sent = rep instanceof Promise ? rep.then((r) => sendRepresentation(req, res, r)) : sendRepresentation(req, res, rep);
      if (sent instanceof Promise) sent.catch(next);
    } catch (err) {
      next(err);
    }
  };
}
