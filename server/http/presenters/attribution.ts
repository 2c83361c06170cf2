// Attribution and licence that travel with every layer: the boundary source, plus IMD and CNI on
// LSOAs, plus the registers whose groups are counted.
import { layerById, type LayerId } from '../../registry/layers.ts';
import type { AtlasStore } from '../../store/atlas-store.ts';
import type { SourceRecord } from '../../store/records.ts';

export interface Attribution {
  attribution: string;
  licence: string;
  licence_url: string;
  sources: { id: string; title: string; vintage: string; licence: string; attribution: string; official_download: string }[];
}

export function layerSources(store: AtlasStore, layer: LayerId): SourceRecord[] {
  const ids = [store.layers.find((l) => l.id === layer)!.source.id, 'output-areas', ...(layerById(layer)?.hasIndices ? ['imd-2025', 'cni-2023'] : [])];
  return ids.map((id) => store.sources.find((s) => s.id === id)).filter((s): s is SourceRecord => Boolean(s));
}

export function layerAttribution(store: AtlasStore, layer: LayerId, extraSourceIds: readonly string[] = []): Attribution {
  const sources = [...layerSources(store, layer), ...extraSourceIds.map((id) => store.sources.find((s) => s.id === id)).filter((s): s is SourceRecord => Boolean(s))];
  const unique = [...new Map(sources.map((s) => [s.id, s])).values()];
  return {
    attribution: [...new Set(unique.map((s) => s.attribution))].join(' '),
    licence: [...new Set(unique.map((s) => s.licence))].join('; '),
    licence_url: unique[0]?.licence_url ?? '',
    sources: unique.map((s) => ({ id: s.id, title: s.title, vintage: s.vintage, licence: s.licence, attribution: s.attribution, official_download: s.official_download })),
  };
}
