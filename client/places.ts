// The parishes and wards each LSOA covers (GET /api/layers/lsoas/places), fetched once, so LSOA
// tooltips, panels and profiles name places rather than only "Charnwood 012C".
export interface LsoaPlace {
  layer: 'parishes' | 'wards';
  code: string;
  name: string;
  share: number;
}

let places: Promise<Record<string, LsoaPlace[]>> | null = null;

export function lsoaPlaces(): Promise<Record<string, LsoaPlace[]>> {
  places ??= fetch('/api/layers/lsoas/places', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ places: Record<string, LsoaPlace[]> }>) : Promise.reject(new Error(`places: HTTP ${r.status}`))))
    .then((b) => b.places);
  places.catch(() => (places = null));
  return places;
}

/** "Parish of Shepshed; Shepshed East ward (62%), Shepshed West ward (38%)" — shares shown only when split. */
export function placesText(list: readonly LsoaPlace[] | undefined): string | null {
  if (!list?.length) return null;
  const part = (layer: LsoaPlace['layer'], noun: string) => {
    const ps = list.filter((p) => p.layer === layer);
    return ps.map((p) => `${p.name}${noun}${ps.length > 1 ? ` (${Math.round(p.share * 100)}%)` : ''}`).join(', ');
  };
  return [part('parishes', ''), part('wards', ' ward')].filter(Boolean).join('; ');
}
