// The slim copy of the atlas that placing and locating groups need: each area's code and box, its
// geometry read and prepared only when a point reaches that box, area label points, and postcodes looked
// up in SQLite by a prepared statement. The import worker uses it for each import, the build to place
// the built-in registers, and the groups thread to locate groups; it reads no designations, services or names.
import Database from 'better-sqlite3';
import { LAYERS, type LayerId } from '../../registry/layers.ts';
import type { AreaRecord } from '../../store/records.ts';
import { AreaLocator } from '../../store/area-locator.ts';
import { eachLabelPoint, geometryReader, polygonBoxesReader } from '../../store/tables/areas.ts';
import { builtinGroupsJson } from '../../store/tables/builtin-registers.ts';
import { metaValue } from '../../store/tables/meta.ts';
import { postcodePointReader } from '../../store/tables/postcodes.ts';
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
    this.inputsHash = metaValue(this.db, 'inputs_hash') ?? '';
    for (const { layer, code, label } of eachLabelPoint(this.db)) this.labels.set(`${layer}|${code}`, label);
    // Each area's box from its row; its geometry is read and prepared only when a point first reaches
    // that box, as the server's own locator does, so opening costs no geometry at any size.
    const geometry = geometryReader(this.db);
    const boxes = polygonBoxesReader(this.db);
    this.locator = new AreaLocator((layer) =>
      boxes(layer).map((r) => ({
        code: r.code,
        geometryType: r.geometryType,
        bbox: r.bbox,
        get geometryJson() {
          return geometry(r.id)!;
        },
      }) as AreaRecord), // the locator reads only these
    );
    const postcode = postcodePointReader(this.db);
    // The area the atlas covers, as the build recorded it from geodata/area.json (the same meta row AtlasStore reads).
    const covers = JSON.parse(metaValue(this.db, 'area')!) as { code: string; notCovered: string };
    this.gazetteer = {
      countyCode: covers.code,
      notCovered: covers.notCovered,
      postcode: (key) => postcode(key),
      hasArea: (code) => this.layersWithCode(code).length > 0,
      inCounty: (lon, lat) => this.locator.inCounty(this.locator.place(lon, lat)),
    };
  }

  /** A built-in register's groups as the build placed and stored them (builtin-placements.ts). */
  builtinGroups(name: string): LocatedGroup[] {
    const groups = builtinGroupsJson(this.db, name);
    return groups ? (JSON.parse(groups) as LocatedGroup[]) : [];
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
