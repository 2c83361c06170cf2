// The plain answer to "which services can this area access": each of the seven services with
// yes/no, what grants it (an Appendix One listing, or provision inferred from the strategy text) and
// how sure that is, and a sentence an officer can read out.
import { CATEGORY_LABELS, type ServiceId } from '../../domain/vocabulary.ts';
import { LAYERS } from '../../layers.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import type { AreaDesignationRecord, AreaProvisionRecord, AreaRecord } from '../../store/records.ts';
import { designationProperties } from './area-feature.ts';

const TABLE_LABEL = { parish: 'parish table', urban: 'urban table' } as const;
const CATEGORY_PHRASE = { laa_target: 'an LAA target area', social_capital: 'a social capital area', general: 'General' } as const;
const METHOD_PHRASE: Record<string, string> = {
  seed_alias: 'by the older name the seed gives in brackets',
  merged_or_renamed: 'as a place now merged into or renamed as this parish',
  historical_ward: 'to the 2013 ward(s) of that name',
  unparished_area: 'to the unparished area of the town',
  later_ward: 'to the 2025 ward of that name, at lower confidence (the seed gives no boundary)',
  successor_parish: 'because this parish was formed after 2008 from the area so listed',
};

/** "a", "a and b", "a, b and c". */
const listWords = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

const percent = (share: number | null) => (share === null ? null : `${Math.round(share * 100)}%`);

/** How a designation reaches the area, in words that never say "listed as" unless it truly is. */
function howSure(d: AreaDesignationRecord): string {
  if (d.confidence === 'listed') return `listed as “${d.listedAs}”${d.listedExtent === 'part' ? ' (part only)' : ''}`;
  const how = METHOD_PHRASE[d.method] ?? d.method;
  const word = d.confidence === 'inferred' ? 'inferred from' : 'resolved from';
  return `${word} the listing “${d.listedAs}”${d.listedExtent === 'part' ? ' (part only)' : ''} ${how}`;
}

function designationPhrase(d: AreaDesignationRecord, area: AreaRecord, store: AtlasStore): string {
  const rule = store.rules.find((r) => r.table === d.table && r.category === d.category)!;
  const row = `the “${rule.rowLabel}” row of Appendix One’s ${TABLE_LABEL[d.table]}`;
  const direct = d.via.length === 1 && d.via[0].layer === area.layer && d.via[0].code === area.code;
  if (direct) return `${row}, ${howSure(d)}`;
  if (d.method === 'successor_parish') return `${row}, ${howSure(d)} (${d.via.map((v) => v.name).join(', ')})`;
  const via = d.via
    .map((v) => `${v.name} (${store.layers.find((l) => l.id === v.layer)?.title ?? v.layer}${v.share !== null ? `, ${percent(v.share)} of residents` : ''})`)
    .join(', ');
  return `${row}, ${howSure(d)}, which reaches ${d.extent === 'whole' ? 'all' : 'part'} of this area through ${via}`;
}

/** Ends a sentence with one full stop, though it may close on an abbreviation ("Neigh Man.") or a quoted sentence. */
const endSentence = (text: string) => (/\.["”]?$/.test(text) ? text : `${text}.`);

const provisionPhrase = (p: AreaProvisionRecord) => `${p.label} (inferred from the strategy text, not a listing). ${p.evidence}`;

function extentWords(extent: 'whole' | 'part' | null, share: number | null, noun: string): string {
  if (extent === 'whole') return `the whole of the ${noun}`;
  return share === null ? `an unspecified part of the ${noun} (the seed does not say which part)` : `part of the ${noun} (${percent(share)} of residents)`;
}

export function servicesAnswer(store: AtlasStore, area: AreaRecord) {
  const layer = store.layers.find((l) => l.id === area.layer)!;
  const unparished = area.code.startsWith('E43');
  const noun = unparished ? 'unparished area' : (LAYERS.find((l) => l.id === area.layer)?.areaNoun ?? 'area');
  const services = store.services.map((s) => {
    const id = s.id as ServiceId;
    const granting = area.designations.filter((d) => store.rules.some((r) => r.table === d.table && r.category === d.category && r.services.includes(id)));
    const provisions = area.provisions.filter((p) => p.services.includes(id));
    const cover = area.serviceCover[id];
    const noCouncil = cover.withheldUnparished
      ? ` Where residents live in an unparished area there is no parish council, so the ${s.shortName} tick does not reach them.`
      : '';
    const parts = [...granting.map((d) => designationPhrase(d, area, store)), ...provisions.map(provisionPhrase)];
    return {
      id: s.id,
      short_name: s.shortName,
      name: s.name,
      description: s.description,
      available: cover.extent !== null,
      extent: cover.extent,
      share: cover.share,
      reasons: [
        ...granting.map((d) => ({
          listed_as: d.listedAs,
          table: d.table,
          category: d.category,
          row_label: store.rules.find((r) => r.table === d.table && r.category === d.category)!.rowLabel,
          extent: d.extent,
          confidence: d.confidence,
          lower_confidence: d.lowerConfidence,
          method: d.method,
          via: d.via,
        })),
        ...provisions.map((p) => ({ inferred: p.id, label: p.label, extent: p.extent, confidence: 'inferred' as const, evidence: p.evidence })),
      ],
      reason:
        cover.extent !== null
          ? `Available${cover.extent === 'part' ? ` to ${extentWords('part', cover.share, noun).replace(`of the ${noun}`, 'of the area')}` : ''}: granted by ${endSentence(parts.join('; and by '))}${noCouncil}`
          : cover.withheldUnparished || (unparished && id === 'pc')
            ? `Not available: ${area.name} is unparished, so there is no parish council there for the ${s.name} service to support.`
            : area.designations.length === 0
              ? 'Not available: Appendix One does not list this area, so no row grants it, and the strategy text gives it only the services inferred for all communities.'
              : `Not available: no Appendix One row that covers this area (${[...new Set(area.designations.map((d) => `${CATEGORY_LABELS[d.category]}, ${TABLE_LABEL[d.table]}`))].join('; ')}) ticks ${endSentence(s.shortName)}`,
    };
  });
  const yes = services.filter((s) => s.available);
  const no = services.filter((s) => !s.available);
  const where = `${area.name} (${noun} in ${area.districtName})`;
  const ofCategory = area.designations.filter((d) => d.category === area.category);
  const verb = ofCategory.every((d) => d.confidence === 'listed') ? 'is listed' : ofCategory.some((d) => d.confidence !== 'inferred') ? 'is designated (resolved, see below)' : 'is designated by inference (see below)';
  const status = area.category
    ? `${verb} in Appendix One of the Stronger Communities strategy (2008–11) as ${CATEGORY_PHRASE[area.category]}, for ${extentWords(area.categoryExtent, area.categoryShare, noun)}`
    : 'is not listed in Appendix One of the Stronger Communities strategy (2008–11)';
  // Services that only the strategy text's provision (not any listing, nor a predecessor's) gives.
  const inferredOnly = yes.filter((s) => s.reasons.every((r) => 'inferred' in r));
  const summary =
    `${where} ${status}. It can access ${yes.length} of the 7 services` +
    (yes.length ? `: ${yes.map((s) => s.name + (s.extent === 'part' ? ' (part of the area)' : '')).join(', ')}.` : '.') +
    (inferredOnly.length ? ` Of these, ${listWords(inferredOnly.map((s) => s.short_name))} ${inferredOnly.length > 1 ? 'are' : 'is'} inferred from the strategy text, not listed.` : '') +
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
      population_note: area.populationNote,
      category: area.category,
      category_extent: area.categoryExtent,
      category_share: area.categoryShare,
    },
    summary,
    designations: area.designations.map(designationProperties),
    inferred_provision: area.provisions.map((p) => ({ id: p.id, label: p.label, services: p.services, extent: p.extent, share: p.share, confidence: 'inferred' as const, evidence: p.evidence })),
    services,
    links: { area: `/api/areas/${area.code}?layer=${area.layer}`, geojson: `/api/areas/${area.code}?layer=${area.layer}` },
  };
}
