// A postcode's answer at the finest area known: the area of each layer holding it, and for each
// service the verdict of server/domain/finest-answer.ts with the area that settles it. One shape for
// GET /api/postcodes/:postcode (search and the checker) and each row of POST /api/postcodes.
import { percent } from '../../domain/designation-words.ts';
import { finestAnswer, type ContainingAnswer, type FinestAnswer } from '../../domain/finest-answer.ts';
import { SERVICE_IDS, type ServiceId } from '../../domain/vocabulary.ts';
import { areaNounOf, LAYERS, type LayerId } from '../../registry/layers.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import type { AreaRecord } from '../../store/records.ts';

export interface PostcodeArea {
  code: string;
  name: string;
  district_name: string;
}

/** A service's answer; the share, its area and the lower-bound flag only for "part" (whole is 1, none is 0). */
export interface PostcodeService extends Pick<FinestAnswer, 'extent' | 'decided_by'>, Partial<Pick<FinestAnswer, 'share' | 'share_of' | 'at_least'>> {
  id: ServiceId;
  available: boolean;
  contradicted_by?: string[];
}

export interface PostcodeResult {
  query: string;
  postcode: string | null;
  found: boolean;
  /** In the postcode file but in no area of any layer (outside the county). */
  inside_county?: boolean;
  lon: number | null;
  lat: number | null;
  areas: Partial<Record<LayerId, PostcodeArea>>;
  services: PostcodeService[];
}

export const areaRef = (a: Pick<AreaRecord, 'layer' | 'code'>) => `${a.layer}/${a.code}`;

/** The part of a result that depends only on the containing areas: the areas and the services. */
export function finestServices(placed: readonly AreaRecord[]): Pick<PostcodeResult, 'areas' | 'services'> {
  const areas: PostcodeResult['areas'] = {};
  for (const a of placed) areas[a.layer] = { code: a.code, name: a.name, district_name: a.districtName };
  const services = SERVICE_IDS.map((id): PostcodeService => {
    const answers: ContainingAnswer[] = placed.map((a) => ({
      ref: areaRef(a),
      population: a.population,
      exact: LAYERS.find((l) => l.id === a.layer)?.population === 'lsoa-exact',
      extent: a.serviceCover[id].extent,
      share: a.serviceCover[id].share,
      // The overlay marks a share that is a lower bound (an unspecified part of others may be reached too).
      atLeast: a.serviceCover[id].shareAtLeast,
    }));
    const { extent, decided_by, share, share_of, at_least, contradicted_by } = finestAnswer(answers);
    return { id, available: extent !== null, extent, decided_by, ...(extent === 'part' ? { share, share_of, at_least } : {}), ...(contradicted_by.length ? { contradicted_by } : {}) };
  });
  return { areas, services };
}

/**
 * The single-postcode answer with a sentence per service, saying which area settles it (or that none
 * does, and the share known): the words search and the checker show. Lists of postcodes go without them.
 */
export function withReasons(store: AtlasStore, r: PostcodeResult) {
  const name = (ref: string | null) => {
    if (!ref) return '';
    const [layer, code] = ref.split('/') as [LayerId, string];
    const area = r.areas[layer];
    const noun = areaNounOf(layer, code);
    return `${area?.name ?? code} (${noun})`;
  };
  const services = r.services.map((s) => {
    const service = store.services.find((x) => x.id === s.id)!;
    const reason =
      s.extent === 'whole'
        ? `Available: ${name(s.decided_by)} holds this postcode and has ${service.shortName} for all its residents.`
        : s.extent === null
          ? s.decided_by
            ? `Not available: ${name(s.decided_by)} holds this postcode and has ${service.shortName} for none of its residents.`
            : 'Not available: the postcode is in no area of the atlas.'
          : `Part of the area: no area holding this postcode has ${service.shortName} for all or none of its residents, so whether this address is reached is not known. ` +
            (s.share == null || s.share_of == null
              ? 'The strategy does not say which part.'
              : `${s.at_least ? 'At least ' : ''}${percent(s.share)} of the residents of ${name(s.share_of)} are certainly reached.`);
    return { ...s, short_name: service.shortName, name: service.name, reason };
  });
  const yes = services.filter((s) => s.extent === 'whole').map((s) => s.short_name);
  const part = services.filter((s) => s.extent === 'part').map((s) => s.short_name);
  const parish = r.areas.parishes;
  // "Charnwood, unparished area" already names its district.
  const where = parish ? `in ${parish.name}${parish.name.startsWith(parish.district_name) ? '' : `, ${parish.district_name}`}` : 'outside the districts the atlas covers';
  const summary =
    `Postcode ${r.postcode} is ${where}. At the finest area known it can access ${yes.length} of the ${services.length} services` +
    (yes.length ? ` (${yes.join(', ')})` : '') +
    (part.length ? `; for ${part.join(', ')} no area holding it settles whether it is reached.` : '.');
  return { ...r, summary, services };
}
