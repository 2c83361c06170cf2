// Reference data: the service key and rules, the sources manifest, the reconciliation report,
// and the settings the web client needs.
import { registerSummaryJson } from '../../store/group-counts.ts';
import { DENSITY_REFERENCES } from '../../domain/density.ts';
import { APPENDIX_ONE, CATEGORIES, CATEGORY_LABELS } from '../../domain/vocabulary.ts';
import type { AtlasContext } from '../context.ts';

export function services(ctx: AtlasContext) {
  return {
    services: ctx.store.services.map((s) => ({ id: s.id, short_name: s.shortName, name: s.name, key_text: s.keyText || null, description: s.description })),
    categories: CATEGORIES.map((c) => ({ id: c, label: CATEGORY_LABELS[c] })),
    rules: ctx.store.rules.map((r) => ({ table: r.table, category: r.category, row_label: r.rowLabel, services: r.services })),
    // Provision inferred from the strategy text (not a listing), and how sure each resolution method is.
    inferred_provision: ctx.store.provisionKey.provisions.map((p) => ({ ...p, confidence: 'inferred' as const })),
    confidence: ctx.store.provisionKey.methods,
    source: 'Appendix One, "what every parish or town can access", the Leicestershire LAA Stronger Communities delivery plan and strategy 2008–11',
  };
}

export function sources(ctx: AtlasContext) {
  return {
    built_at: ctx.store.builtAt,
    inputs_hash: ctx.store.inputsHash,
    sources: ctx.store.sources,
  };
}

export function clientConfig(ctx: AtlasContext) {
  return {
    area: { name: ctx.store.covers.name, code: ctx.store.covers.code },
    basemap_style_url: ctx.config.basemapStyleUrl,
    /** The document the categories, services and designations come from, as printed pages cite it. */
    appendix_one: APPENDIX_ONE,
    density_references: DENSITY_REFERENCES,
    districts: ctx.store.districts,
    registers: ctx.groups.registers().map(registerSummaryJson),
    county_population: ctx.store.countyPopulation,
    built_at: ctx.store.builtAt,
  };
}

/** 503 problem+json (so a load balancer stops routing here) while a database is damaged or failing reads. */
export function health(ctx: AtlasContext) {
  ctx.health.assertHealthy(() => {
    ctx.store.candidates(-1.13, 52.63); // reads the atlas database (its R-tree)
    ctx.groups.version(); // reads the registers database
  });
  return { status: 'ok', built_at: ctx.store.builtAt, areas: ctx.store.layers.reduce((n, l) => n + l.featureCount, 0) };
}
