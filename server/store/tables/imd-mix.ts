// The area_imd_mix table: each area's residents by IMD 2025 decile, from its Output Areas' LSOAs; its
// DDL, its writer and its reader.
import type Database from 'better-sqlite3';
import type { ImdMix } from '../../domain/imd-mix.ts';
import type { LayerId } from '../../registry/layers.ts';

export const IMD_MIX_DDL = `
-- Each area's residents by IMD 2025 decile (JSON array, decile 1 first), from its Output Areas' LSOAs.
CREATE TABLE area_imd_mix (
  layer TEXT NOT NULL,
  code TEXT NOT NULL,
  mix TEXT NOT NULL,
  PRIMARY KEY (layer, code)
) WITHOUT ROWID;
`;

interface ImdMixRow {
  layer: LayerId;
  code: string;
  /** JSON array of residents by decile, decile 1 first. */
  mix: string;
}

export function imdMixWriter(db: Database.Database): (m: { layer: LayerId; code: string; mix: ImdMix }) => void {
  const insert = db.prepare('INSERT INTO area_imd_mix VALUES (?, ?, ?)');
  return (m) => void insert.run(m.layer, m.code, JSON.stringify(m.mix));
}

/** An area's residents by decile, or null when none of its Output Areas has one: prepared once. */
export function imdMixReader(db: Database.Database): (layer: LayerId, code: string) => number[] | null {
  const query = db.prepare<[LayerId, string], Pick<ImdMixRow, 'mix'>>('SELECT mix FROM area_imd_mix WHERE layer = ? AND code = ?');
  return (layer, code) => {
    const row = query.get(layer, code);
    return row ? (JSON.parse(row.mix) as number[]) : null;
  };
}
