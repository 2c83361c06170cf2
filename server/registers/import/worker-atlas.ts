// The slim copy of the atlas that placing and locating groups need: each area's code and box, its
// geometry read and prepared only when a point reaches that box, area label points, and postcodes looked
// up in SQLite by a prepared statement. The import worker uses it for each import, the build to place
// the built-in registers, and the groups thread to locate groups; it reads no designations, services or names.
import Database from 'better-sqlite3';
import { LAYERS, type LayerId } from '../../registry/layers.ts';
import type { AreaRecord } from '../../store/records.ts';
import { AreaLocator } from '../../store/area-locator.ts';
import type { AreaLabels, LocatedGroup } from '../locate-groups.ts';
import type { Gazetteer } from '../place-group.ts';

export class WorkerAtlas implements AreaLabels {
  readonly locator: AreaLocator;
  readonly gazetteer: Gazetteer;
  private readonly db: Database.Database;
  /** The inputs hash of the atlas build (meta inputs_hash, as AtlasStore reads it). */
  readonly inputsHash: string;
  /** Label point by `layer|code`. */
  private readonly labels = new Map<string, [number, number]>();

  constructor(path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    this.inputsHash = (this.db.prepare("SELECT value FROM meta WHERE key = 'inputs_hash'").pluck().get() as string | undefined) ?? '';
    for (const r of this.db.prepare('SELECT layer, code, label_lon, label_lat FROM areas').iterate() as Iterable<{ layer: LayerId; code: string; label_lon: number; label_lat: number }>)
      this.labels.set(`${r.layer}|${r.code}`, [r.label_lon, r.label_lat]);
    // Each area's box from its row; its geometry is read and prepared only when a point first reaches
    // that box, as the server's own locator does, so opening costs no geometry at any size.
    const geometry = this.db.prepare<[number], { geometry: string }>('SELECT geometry FROM areas WHERE id = ?').pluck();
    const boxes = this.db.prepare("SELECT id, code, geometry_type, min_lon, min_lat, max_lon, max_lat FROM areas WHERE layer = ? AND geometry_type != 'Point'");
    this.locator = new AreaLocator((layer) =>
      (boxes.all(layer) as Record<string, any>[]).map((r) => ({
        code: r.code,
        geometryType: r.geometry_type,
        bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
        get geometryJson() {
          return geometry.get(r.id) as unknown as string;
        },
      }) as AreaRecord), // the locator reads only these
    );
    const postcode = this.db.prepare<[string], { lon: number; lat: number }>('SELECT lon, lat FROM postcodes WHERE key = ?');
    // The area the atlas covers, as the build recorded it from geodata/area.json (the same meta row AtlasStore reads).
    const covers = JSON.parse((this.db.prepare("SELECT value FROM meta WHERE key = 'area'").get() as { value: string }).value) as { code: string; notCovered: string };
    this.gazetteer = {
      countyCode: covers.code,
      notCovered: covers.notCovered,
      postcode: (key) => postcode.get(key),
      hasArea: (code) => this.layersWithCode(code).length > 0,
      inCounty: (lon, lat) => this.locator.inCounty(this.locator.place(lon, lat)),
    };
  }

  /** A built-in register's groups as the build placed and stored them (builtin-placements.ts). */
  builtinGroups(name: string): LocatedGroup[] {
    const row = this.db.prepare<[string], { groups: string }>('SELECT groups FROM builtin_registers WHERE name = ?').get(name);
    return row ? (JSON.parse(row.groups) as LocatedGroup[]) : [];
  }

  layersWithCode(code: string): LayerId[] {
    return LAYERS.map((l) => l.id).filter((id) => this.labels.has(`${id}|${code}`));
  }

  area(code: string, layer: LayerId): { label: [number, number] } | undefined {
    const label = this.labels.get(`${layer}|${code}`);
    return label && { label };
  }

  close() {
    this.db.close();
  }
}
