// The layers table: one row per layer of areas as built (its feature count and bounds), its DDL, its
// writer and its reader (joined to the sources it came from).
import type Database from 'better-sqlite3';
import type { LayerId } from '../../registry/layers.ts';
import type { SourceRow } from './sources.ts';

export const LAYERS_DDL = `
CREATE TABLE layers (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources(id), feature_count INTEGER NOT NULL,
  population_method TEXT NOT NULL, historical INTEGER NOT NULL,
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL
);
`;

export interface LayerRow {
  id: LayerId;
  ord: number;
  title: string;
  description: string;
  source_id: string;
  feature_count: number;
  population_method: string;
  /** 1 for a historical layer (the 2013 wards). */
  historical: 0 | 1;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

/** A layer as the store holds it, with its source. */
export interface LayerRecord {
  id: LayerId;
  title: string;
  description: string;
  featureCount: number;
  populationMethod: string;
  historical: boolean;
  bbox: [number, number, number, number];
  source: SourceRow;
}

/** A layer as the build writes it: its registry entry, position, features and their bounds. */
export interface LayerInput {
  id: LayerId;
  title: string;
  description: string;
  sourceId: string;
  population: string;
  historical?: boolean;
}

export function layerWriter(db: Database.Database): (spec: LayerInput, ord: number, featureCount: number, bounds: readonly number[]) => void {
  const insert = db.prepare('INSERT INTO layers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return (spec, ord, featureCount, bounds) =>
    void insert.run(spec.id, ord, spec.title, spec.description, spec.sourceId, featureCount, spec.population, spec.historical ? 1 : 0, ...bounds);
}

export function readLayers(db: Database.Database, sources: readonly SourceRow[]): LayerRecord[] {
  return db.prepare<[], LayerRow>('SELECT * FROM layers ORDER BY ord').all().map((l) => ({
    id: l.id,
    title: l.title,
    description: l.description,
    featureCount: l.feature_count,
    populationMethod: l.population_method,
    historical: l.historical === 1,
    bbox: [l.min_lon, l.min_lat, l.max_lon, l.max_lat],
    source: sources.find((s) => s.id === l.source_id)!,
  }));
}
