// The plain answer to "which services can this area access": each of the seven services with
// yes/no, what grants it (an Appendix One listing, or provision inferred from the strategy text) and
// how sure that is, and a sentence an officer can read out.
import { granting, ruleOf } from '../../domain/service-rules.ts';
import { APPENDIX_ONE, CATEGORY_LABELS, type ServiceId } from '../../domain/vocabulary.ts';
import { areaNounOf, isUnparished } from '../../registry/layers.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import type { AreaDesignationRecord, AreaProvisionRecord, AreaRecord } from '../../store/records.ts';
import { designationProperties } from './area-feature.ts';
import { howSure, namesThisArea, percent, TABLE_LABEL, throughWords } from '../../domain/designation-words.ts';

const CATEGORY_PHRASE = { laa_target: 'an LAA target area', social_capital: 'a social capital area', general: 'General' } as const;

/** The document every answer cites, by its title. */

/** "a", "a and b", "a, b and c". */
const listWords = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

const viaWords = (d: AreaDesignationRecord, store: AtlasStore) => throughWords(d, (layer) => store.layers.find((l) => l.id === layer)?.title ?? layer);

function designationPhrase(d: AreaDesignationRecord, area: AreaRecord, store: AtlasStore): string {
  const row = `the “${ruleOf(store.rules, d).rowLabel}” row of Appendix One’s ${TABLE_LABEL[d.table]}`;
  if (namesThisArea(d, area)) return `${row}, ${howSure(d, true)}`;
  return `${row}, ${howSure(d, false)}, which reaches ${d.extent === 'whole' ? 'all' : 'part'} of this area through ${viaWords(d, store)}`;
}

/** "a, b and 3 more": names of the areas a derived designation comes through, kept short for a headline. */
const someNames = (names: string[], max = 3) => (names.length <= max ? listWords(names) : `${names.slice(0, max).join(', ')} and ${names.length - max} more`);

/** How the area holds its category: listed (named as it is), resolved (alias, merger, ward), through other areas, or by inference; and how sure. */
function designatedHow(ofCategory: AreaDesignationRecord[], area: AreaRecord, noun: string): string {
  const direct = ofCategory.filter((d) => namesThisArea(d, area));
  const certain = ofCategory.filter((d) => !d.lowerConfidence);
  const hedge = certain.length === 0 ? ', at lower confidence,' : '';
  if (direct.some((d) => d.confidence === 'listed')) return 'is listed';
  if (direct.some((d) => d.confidence === 'resolved')) return `is designated (resolved${hedge ? ', at lower confidence' : ''}, see below)`;
  if (direct.length > 0) return 'is designated by inference (see below)';
  const derived = ofCategory.filter((d) => d.confidence !== 'inferred');
  const through = [...new Set((derived.length ? derived : ofCategory).flatMap((d) => d.via.map((v) => v.name)))];
  const inferred = derived.length === 0 ? ' by inference' : '';
  return `is designated${inferred}${hedge} through ${someNames(through)} (this ${noun} is not itself named)`;
}

/** Ends a sentence with one full stop, though it may close on an abbreviation ("Neigh Man.") or a quoted sentence. */
const endSentence = (text: string) => (/\.["”]?$/.test(text) ? text : `${text}.`);

const provisionPhrase = (p: AreaProvisionRecord) => `${p.label} (inferred from the strategy text, not a listing). ${p.evidence}`;

/** "14% of residents", "at least 18% of residents" or "an unspecified part": how much of the area a service reaches. */
const shareWords = (share: number | null, atLeast: boolean) => (share === null ? 'an unspecified part' : `${atLeast ? 'at least ' : ''}${percent(share)} of residents`);

function extentWords(extent: 'whole' | 'part' | null, share: number | null, noun: string, atLeast = false): string {
  if (extent === 'whole') return `the whole of the ${noun}`;
  return share === null ? `an unspecified part of the ${noun} (Appendix One does not say which part)` : `part of the ${noun} (${shareWords(share, atLeast)})`;
}

/** "granted by 2 rows of Appendix One (LAA Target area and Social Capital areas, parish table) through Syston." */
function grantedBriefly(grantedBy: AreaDesignationRecord[], provisions: AreaProvisionRecord[], area: AreaRecord): string {
  const said: string[] = [];
  if (grantedBy.length) {
    const kinds = [...new Set(grantedBy.map((d) => `${CATEGORY_LABELS[d.category]}, ${TABLE_LABEL[d.table]}`))];
    const through = [...new Set(grantedBy.flatMap((d) => (namesThisArea(d, area) ? [area.name] : d.via.map((v) => v.name))))];
    const rows = grantedBy.length === 1 ? 'one row' : `${grantedBy.length} rows`;
    said.push(`${rows} of Appendix One (${kinds.join('; ')}) through ${someNames(through)}`);
  }
  if (provisions.length) said.push(`provision inferred from the strategy text (${listWords(provisions.map((p) => p.label))})`);
  return `granted by ${endSentence(said.join(', and by '))}`;
}

export function servicesAnswer(store: AtlasStore, area: AreaRecord) {
  const layer = store.layers.find((l) => l.id === area.layer)!;
  const noun = areaNounOf(area.layer, area.code);
  const unparished = isUnparished(area.layer, area.code);
  const services = store.services.map((s) => {
    const id = s.id as ServiceId;
    const grantedBy = granting(store.rules, area.designations, id);
    const provisions = area.provisions.filter((p) => p.services.includes(id));
    const cover = area.serviceCover[id];
    const noCouncil = cover.withheldUnparished
      ? ` Where residents live in an unparished area there is no parish council, so the ${s.shortName} tick does not reach them.`
      : '';
    const parts = [...grantedBy.map((d) => designationPhrase(d, area, store)), ...provisions.map(provisionPhrase)];
    const reach = cover.extent === 'part' ? ` to ${extentWords('part', cover.share, noun, cover.shareAtLeast).replace(`of the ${noun}`, 'of the area')}` : '';
    const answer = {
      id: s.id,
      short_name: s.shortName,
      name: s.name,
      description: s.description,
      available: cover.extent !== null,
      extent: cover.extent,
      share: cover.share,
      share_at_least: cover.shareAtLeast,
      reasons: [
        ...grantedBy.map((d) => ({
          listed_as: d.listedAs,
          table: d.table,
          category: d.category,
          row_label: ruleOf(store.rules, d).rowLabel,
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
          ? `Available${reach}: granted by ${endSentence(parts.join('; and by '))}${noCouncil}`
          : cover.withheldUnparished || (unparished && id === 'pc')
            ? `Not available: ${area.name} is unparished, so there is no parish council there for the ${s.name} service to support.`
            : area.designations.length === 0
              ? 'Not available: Appendix One does not list this area, so no row grants it, and the strategy text gives it only the services inferred for all communities.'
              : `Not available: no Appendix One row that covers this area (${[...new Set(area.designations.map((d) => `${CATEGORY_LABELS[d.category]}, ${TABLE_LABEL[d.table]}`))].join('; ')}) ticks ${endSentence(s.shortName)}`,
    };
    // The same answer in one sentence, for the printed profile: rows counted and named by kind, the areas
    // they come through, any inferred provision; the full reason stays one link away.
    const brief = cover.extent !== null ? `Available${reach}: ${grantedBriefly(grantedBy, provisions, area)}${noCouncil}` : answer.reason;
    return { ...answer, reason_brief: brief };
  });
  const yes = services.filter((s) => s.available);
  const no = services.filter((s) => !s.available);
  const toAll = yes.filter((s) => s.extent === 'whole');
  const toSome = yes.filter((s) => s.extent === 'part');
  const where = `${area.name} (${noun} in ${area.districtName})`;
  const ofCategory = area.designations.filter((d) => d.category === area.category);
  const status = area.category
    ? `${designatedHow(ofCategory, area, noun)} in ${APPENDIX_ONE} as ${CATEGORY_PHRASE[area.category]}, for ${extentWords(area.categoryExtent, area.categoryShare, noun, area.categoryShareAtLeast)}`
    : `is not listed in ${APPENDIX_ONE}`;
  // Services that only the strategy text's provision (not any listing, nor a predecessor's) gives.
  const inferredOnly = yes.filter((s) => s.reasons.every((r) => 'inferred' in r));
  const total = store.services.length;
  // The headline keeps "every resident" apart from "some residents", so a count never reads as if all had all.
  const summary =
    `${where} ${status}. ` +
    (toAll.length ? `All its residents can access ${toAll.length} of the ${total} services: ${toAll.map((s) => s.name).join(', ')}.` : `No service of the ${total} reaches all its residents.`) +
    (toSome.length
      ? ` ${toAll.length ? 'Some of its residents can also access' : 'Some of its residents can access'} ${toSome.length} more: ${toSome.map((s) => `${s.name} (${shareWords(s.share, s.share_at_least)})`).join(', ')}.`
      : '') +
    (inferredOnly.length ? ` Of these, ${listWords(inferredOnly.map((s) => s.short_name))} ${inferredOnly.length > 1 ? 'are' : 'is'} inferred from the strategy text, not listed.` : '') +
    (no.length ? ` No resident can access: ${no.map((s) => s.name).join(', ')}.` : '');
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
      category_share_at_least: area.categoryShareAtLeast,
    },
    summary,
    designations: area.designations.map((d) => designationProperties(d, area)),
    inferred_provision: area.provisions.map((p) => ({ id: p.id, label: p.label, services: p.services, extent: p.extent, share: p.share, confidence: 'inferred' as const, evidence: p.evidence })),
    services,
    links: { area: `/api/areas/${area.code}?layer=${area.layer}`, geojson: `/api/areas/${area.code}?layer=${area.layer}` },
  };
}
