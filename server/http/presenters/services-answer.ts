// The plain answer to "which services can this area access": each of the seven services with
// yes/no, the Appendix One row that grants it (or that none does), and a sentence an officer can read out.
import { CATEGORY_LABELS, type ServiceId } from '../../domain/vocabulary.ts';
import { LAYERS } from '../../layers.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import type { AreaDesignationRecord, AreaRecord } from '../../store/records.ts';

const TABLE_LABEL = { parish: 'parish table', urban: 'urban table' } as const;
const CATEGORY_PHRASE = { laa_target: 'an LAA target area', social_capital: 'a social capital area', general: 'General' } as const;

function designationPhrase(d: AreaDesignationRecord, area: AreaRecord, store: AtlasStore): string {
  const rule = store.rules.find((r) => r.table === d.table && r.category === d.category)!;
  const row = `the “${rule.rowLabel}” row of Appendix One’s ${TABLE_LABEL[d.table]}`;
  const direct = d.via.length === 1 && d.via[0].layer === area.layer && d.via[0].code === area.code;
  const listed = `listed as “${d.listedAs}”${d.listedExtent === 'part' ? ' (part only)' : ''}`;
  if (direct) return `${row}, ${listed}`;
  const via = d.via
    .map((v) => `${v.name} (${store.layers.find((l) => l.id === v.layer)?.title ?? v.layer}${v.share !== null ? `, ${Math.round(v.share * 100)}% of residents` : ''})`)
    .join(', ');
  return `${row}, ${listed}, which covers ${d.extent === 'whole' ? 'all' : 'part'} of this area through ${via}`;
}

export function servicesAnswer(store: AtlasStore, area: AreaRecord) {
  const layer = store.layers.find((l) => l.id === area.layer)!;
  const services = store.services.map((s) => {
    const granting = area.designations.filter((d) => store.rules.some((r) => r.table === d.table && r.category === d.category && r.services.includes(s.id)));
    const extent = area.services[s.id as ServiceId];
    return {
      id: s.id,
      short_name: s.shortName,
      name: s.name,
      description: s.description,
      available: extent !== null,
      extent,
      reasons: granting.map((d) => ({
        listed_as: d.listedAs,
        table: d.table,
        category: d.category,
        row_label: store.rules.find((r) => r.table === d.table && r.category === d.category)!.rowLabel,
        extent: d.extent,
        via: d.via,
      })),
      reason:
        granting.length > 0
          ? `Available${extent === 'part' ? ' to part of the area' : ''}: granted by ${granting.map((d) => designationPhrase(d, area, store)).join('; and by ')}.`
          : area.designations.length === 0
            ? 'Not available: Appendix One does not list this area, so no row grants it.'
            : `Not available: no Appendix One row that covers this area (${[...new Set(area.designations.map((d) => `${CATEGORY_LABELS[d.category]}, ${TABLE_LABEL[d.table]}`))].join('; ')}) ticks ${s.shortName}.`,
    };
  });
  const yes = services.filter((s) => s.available);
  const no = services.filter((s) => !s.available);
  const noun = area.code.startsWith('E43') ? 'unparished area' : (LAYERS.find((l) => l.id === area.layer)?.areaNoun ?? 'area');
  const where = `${area.name} (${noun} in ${area.districtName})`;
  const status = area.category
    ? `is listed in Appendix One of the Stronger Communities strategy (2008–11) as ${CATEGORY_PHRASE[area.category]}, for ${area.categoryExtent === 'part' ? 'part' : 'the whole'} of the ${noun}`
    : 'is not listed in Appendix One of the Stronger Communities strategy (2008–11)';
  const summary =
    `${where} ${status}. It can access ${yes.length} of the 7 services` +
    (yes.length ? `: ${yes.map((s) => s.name + (s.extent === 'part' ? ' (part of the area)' : '')).join(', ')}.` : '.') +
    (no.length ? ` It cannot access: ${no.map((s) => s.name).join(', ')}.` : '');
  return {
    area: {
      code: area.code,
      name: area.name,
      layer: area.layer,
      layer_title: layer.title,
      district_code: area.districtCode,
      district_name: area.districtName,
      population: area.population,
      category: area.category,
      category_extent: area.categoryExtent,
    },
    summary,
    designations: area.designations.map((d) => ({ category: d.category, extent: d.extent, listed_as: d.listedAs, table: d.table, method: d.method, share: d.share, via: d.via })),
    services,
    links: { area: `/api/areas/${area.code}?layer=${area.layer}`, geojson: `/api/areas/${area.code}?layer=${area.layer}` },
  };
}
