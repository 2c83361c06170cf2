// limit/offset paging for /api lists: the parameters (zod), the slice, and the next link both as a
// Link header (RFC 8288) and in the body. Without either parameter a list is answered whole, as before.
import type { Request } from 'express';
import { z } from 'zod';
import { LIST_OFFSET_MAX, LIST_PAGE_MAX } from '../config/limits.ts';

const whole = (what: string) => z.string().trim().regex(/^\d{1,9}$/, what).transform(Number);

/** The two paging parameters, for a controller's query schema. A limit above the maximum is not an error (OGC API – Features rule): it is clamped. */
export const pageShape = {
  limit: whole(`must be a whole number from 1 (at most ${LIST_PAGE_MAX} are given per page)`).pipe(z.number().min(1, 'must be at least 1')).optional(),
  offset: whole(`must be a whole number from 0 to ${LIST_OFFSET_MAX}`).pipe(z.number().max(LIST_OFFSET_MAX, `must be at most ${LIST_OFFSET_MAX}`)).optional(),
};

export interface Page {
  limit: number;
  offset: number;
  /** The limit asked for, when it was above the maximum and so clamped. */
  asked: number | null;
}

/** The page asked for, or null for the whole list (neither parameter given). Offset alone pages by the maximum. */
export function pageOf(q: { limit?: number; offset?: number }): Page | null {
  if (q.limit === undefined && q.offset === undefined) return null;
  const asked = q.limit ?? LIST_PAGE_MAX;
  return { limit: Math.min(asked, LIST_PAGE_MAX), offset: q.offset ?? 0, asked: asked > LIST_PAGE_MAX ? asked : null };
}

export interface Paged<T> {
  items: T[];
  /** What the body says about the page: total, limit, offset, next (null on the last page), and a note when the limit was clamped. */
  paging: { total: number; limit: number; offset: number; returned: number; next: string | null; note?: string };
  /** Response headers: Link rel="next" while items remain, and the total. */
  headers: Record<string, string>;
}

/** What paging reads of a request: its parameters and its whole path (Express and the hot path both give originalUrl). */
export type PagedRequest = Pick<Request, 'query' | 'url'> & { originalUrl?: string };

/** The next page's address: the request's own path and parameters with offset moved on (and a clamped limit written as given). */
function nextHref(req: PagedRequest, page: Page, offset: number): string {
  const params = new URLSearchParams(req.query as Record<string, string>);
  params.set('limit', String(page.limit));
  params.set('offset', String(offset));
  return `${(req.originalUrl ?? req.url).split('?')[0]}?${params}`;
}

/** One page of a list. */
export function pageList<T>(req: PagedRequest, all: readonly T[], page: Page): Paged<T> {
  const items = all.slice(page.offset, page.offset + page.limit);
  const end = page.offset + items.length;
  const next = end < all.length ? nextHref(req, page, end) : null;
  const note = page.asked === null ? undefined : `limit ${page.asked} is above the maximum of ${LIST_PAGE_MAX} per page, so ${LIST_PAGE_MAX} were given; follow next for the rest`;
  return {
    items,
    paging: { total: all.length, limit: page.limit, offset: page.offset, returned: items.length, next, ...(note ? { note } : {}) },
    headers: { 'X-Total-Count': String(all.length), ...(next ? { Link: `<${next}>; rel="next"` } : {}) },
  };
}
