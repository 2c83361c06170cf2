// The register endpoints under /api: list and show registers, the groups as GeoJSON, and (with the
// admin token) import or delete a register. Mounted from the API route table with one line.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AtlasContext } from '../context.ts';
import { cacheKey, registersParam } from '../controllers/area-params.ts';
import { badRequest, HttpProblem, notFound } from '../problem.ts';
import { noParameters, parseQuery } from '../query.ts';
import { represent } from '../representation.ts';
import { RepresentationCache } from '../representation-cache.ts';
import { WorkLimiter } from '../../cache/work-limiter.ts';
import { GROUPS_BUILDING, GROUPS_CACHE_BYTES, GROUPS_WAITING, LIST_OFFSET_MAX } from '../../config/limits.ts';
import { prebuilt } from '../respond.ts';
import { LAYER_IDS } from '../../registry/layers.ts';
import { GroupRegisters } from '../../registers/group-registers.ts';
import { admitImport } from '../../registers/import/import-runner.ts';
import { pageList, pageOf, pageShape } from '../paging.ts';
import { requireAdminToken } from './admin-token.ts';
import { GROUPS_PAGE_MAX, groupsBytes, type GroupFilter } from '../../registers/groups/groups-geojson.ts';
import { registerDetail, registerSummary } from './register-json.ts';
import { CCEW_UPLOAD_LIMIT, readUpload, REGISTER_UPLOAD_LIMIT, UPLOAD_FIELDS } from './upload.ts';

const fresh = (body: unknown, headers?: Record<string, string>) => represent(JSON.stringify(body), 'application/json', { cacheControl: 'no-cache', effort: 'fresh', headers });

/** GET /api/registers takes only the paging parameters. */
export const REGISTER_LIST_QUERY = z.object(pageShape).strict();

/** The groups body of a server started without the registers database: no registers, no groups. */
function emptyBody(filter: GroupFilter, attribution: string, page: { limit: number; offset: number } | null) {
  const { body, etag } = groupsBytes([], filter, attribution, page && { ...page, nextHref: () => '' });
  return { body: Buffer.from(body), etag };
}

export function registerRoutes(ctx: AtlasContext): Router {
  // Only a GroupRegisters can list groups and import; with the bare GroupCounts port the lists are empty.
  const service = (): GroupRegisters => {
    if (ctx.groups instanceof GroupRegisters) return ctx.groups;
    throw new HttpProblem(503, 'Registers unavailable', 'this server was started without the registers database');
  };
  const all = () => (ctx.groups instanceof GroupRegisters ? ctx.groups.all() : []);
  const admin = requireAdminToken(ctx.config.adminToken);
  const groupsCache = new RepresentationCache({ maxBytes: GROUPS_CACHE_BYTES, limiter: new WorkLimiter(GROUPS_BUILDING, GROUPS_WAITING, 'too many group bodies are being built at once; retry in a moment, or ask for pages') });
  const r = Router();

  r.get(
    '/registers',
    prebuilt((req) => {
      // The list grows with every import: limit/offset page it (whole without them, as before).
      const page = pageOf(parseQuery(req, REGISTER_LIST_QUERY));
      const paged = page && pageList(req, all(), page);
      return fresh({
        registers: (paged ? paged.items : all()).map(registerSummary),
        ...(paged ? { paging: paged.paging } : {}),
        import: {
          writable: ctx.config.adminToken !== null,
          max_bytes: REGISTER_UPLOAD_LIMIT,
          formats: ['text/csv', 'application/geo+json', 'multipart/form-data'],
          // The Charity Commission's register extract (publicextract.charity, JSON or tab-separated text), with format=ccew.
          ccew: { parameter: 'format=ccew', max_bytes: CCEW_UPLOAD_LIMIT, comparison: 'registered_charities' },
        },
      }, paged?.headers);
    }),
  );

  r.get(
    '/registers/:name',
    prebuilt((req) => {
      noParameters(req);
      const found = all().find((x) => x.name === req.params.name);
      if (!found) throw notFound(`no register "${req.params.name}"; see /api/registers`);
      return fresh(registerDetail(found));
    }),
  );

  r.get(
    '/groups.geojson',
    prebuilt((req) => {
      const q = parseQuery(
        req,
        z
          .object({
            register: registersParam(ctx).optional(),
            registers: registersParam(ctx).optional(),
            layer: z.enum(LAYER_IDS).optional(),
            code: z.string().regex(/^[EW]\d{8}$/, 'must be an ONS GSS code such as E04005341').optional(),
            category: z.string().trim().min(1).max(100).optional(),
            // Paging is optional: without limit the whole collection is served, as before.
            // A limit above the page maximum is clamped to it, not refused (as OGC API – Features and the other /api lists do).
            limit: z.coerce.number().int('must be a whole number').min(1).max(LIST_OFFSET_MAX).optional(),
            offset: z.coerce.number().int('must be a whole number').min(0).max(10_000_000).optional(),
          })
          .strict(),
      );
      const clamped = q.limit !== undefined && q.limit > GROUPS_PAGE_MAX;
      if (clamped) q.limit = GROUPS_PAGE_MAX;
      if (q.offset !== undefined && q.limit === undefined) throw badRequest('parameter "offset" needs "limit"', { invalid_params: [{ name: 'offset', reason: 'needs limit' }] });
      if (q.code && !ctx.store.layersWithCode(q.code).some((l) => !q.layer || l === q.layer)) throw notFound(`no area has code ${q.code}${q.layer ? ` in the ${q.layer} layer` : ''}`);
      const names = q.register || q.registers ? [...new Set([...(q.register ?? []), ...(q.registers ?? [])])].sort() : null;
      const key = cacheKey({ kind: 'groups', ...q, clamped, names, groups: ctx.groups.version() });
      const filter = { layer: q.layer ?? null, code: q.code ?? null, category: q.category ?? null };
      const chosen = () => all().filter((x) => names === null || names.includes(x.name));
      const attribution = (registers: ReturnType<typeof all>) => {
        const ons = ctx.store.sources.find((s) => s.id === 'postcodes')?.attribution ?? '';
        return [...new Set([...registers.map((x) => x.source), ons])].filter(Boolean).join(' | ');
      };
      const headers: Record<string, string> = { 'Content-Disposition': 'inline; filename="groups.geojson"', ...(clamped ? { 'X-Limit-Clamped': String(GROUPS_PAGE_MAX) } : {}) };
      const page = q.limit === undefined ? null : { limit: q.limit, offset: q.offset ?? 0, path: `${req.baseUrl}${req.path}`, query: req.query as Record<string, string> };
      // Built by the groups thread (pages and whole collections alike) and kept in the groups' own byte budget.
      return groupsCache.get(key, async () => {
        const registers = chosen();
        const { body, etag } = ctx.groups instanceof GroupRegisters ? await ctx.groups.groupsBody(registers, { filter, attribution: attribution(registers), page }) : emptyBody(filter, attribution(registers), page);
        return represent(body, 'application/geo+json', { cacheControl: 'no-cache', effort: 'fresh', etag, headers });
      }, req);
    }),
  );

  r.post('/registers', admin, async (req: Request, res: Response) => {
    const registers = service();
    const q = parseQuery(req, UPLOAD_FIELDS);
    const release = admitImport(); // a full import queue refuses the upload before it is written
    let upload: Awaited<ReturnType<typeof readUpload>>;
    try {
      upload = await readUpload(req, registers.dbPath, q.format);
    } catch (err) {
      release();
      throw err;
    }
    try {
      const report = await registers.importFile({
        register: q.register ?? upload.fields.register ?? '',
        format: upload.format,
        // A form's own format field (sent after its file) still says what the file is.
        ...(upload.fields.format === 'ccew' ? { format: 'ccew' as const } : {}),
        path: upload.path,
        source: q.source ?? upload.fields.source,
        comparison: q.comparison ?? upload.fields.comparison,
        encoding: q.encoding ?? upload.fields.encoding,
        fileName: upload.fileName ?? undefined,
      });
      res.status(report.replaced_previous ? 200 : 201).location(`/api/registers/${report.register}`).setHeader('Cache-Control', 'no-store').json(report);
    } finally {
      release();
      upload.discard();
    }
  });

  r.delete('/registers/:name', admin, (req: Request, res: Response) => {
    if (!service().delete(req.params.name as string)) throw notFound(`no register "${req.params.name}"`);
    res.status(204).end();
  });

  // Other methods get a 405 naming the ones these resources do take (the API-wide fallback says read-only).
  const allow = (methods: string) => (req: Request, res: Response) => {
    res.setHeader('Allow', methods);
    throw new HttpProblem(405, 'Method not allowed', `${req.method} is not allowed here; this resource takes ${methods}`);
  };
  r.all('/registers', allow('GET, HEAD, POST, OPTIONS'));
  r.all('/registers/:name', allow('GET, HEAD, DELETE, OPTIONS'));
  return r;
}
