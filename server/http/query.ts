// Request-parameter parsing with zod: every handler states its parameters as a schema, and any
// problem becomes a 400 naming the parameter. Shared little schemas live here.
import type { Request } from 'express';
import { z } from 'zod';
import { badRequest, problemFromZod } from './problem.ts';

/** Express gives repeated parameters as arrays; we accept each parameter once. */
function singleValued(query: Request['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (typeof v !== 'string') throw badRequest(`parameter "${k}" must be given once, as plain text`);
    out[k] = v;
  }
  return out;
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const result = schema.safeParse(singleValued(req.query));
  if (!result.success) throw problemFromZod(result.error);
  return result.data;
}

/** A comma-separated list of values from a fixed set, de-duplicated, order kept. */
export function commaList<T extends string>(values: readonly T[], what: string) {
  return z
    .string()
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(values as [T, ...T[]], { error: (i) => `unknown ${what} "${String(i.input)}"; expected one of ${values.join(', ')}` })).min(1, `give at least one ${what}`));
}

export const longitude = z.coerce.number({ error: 'must be a number' }).min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180');
export const latitude = z.coerce.number({ error: 'must be a number' }).min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90');
