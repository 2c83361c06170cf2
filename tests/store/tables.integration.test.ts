// Each table file under server/store/tables writes rows and reads them back as it promises, against the
// composed schema in a real (in-memory) SQLite database: a column renamed in a table's DDL but not in its
// writer or reader, or a reader that maps a column to the wrong field, fails here without a full build.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVICE_IDS, type ServiceId } from '../../server/domain/vocabulary.ts';
import { SCHEMA } from '../../server/store/schema.ts';
import { appendixEntryWriter, readEntries, readRules, ruleWriter } from '../../server/store/tables/appendix.ts';
import { areaAttributesWriter, attributeReader } from '../../server/store/tables/area-attributes.ts';
import { areaColumns, areaWriter, eachAreaRow, eachLabelPoint, geometryReader, indexedTally, layerTally, polygonBoxesReader, rtreeReader, withoutImd, type AreaInput } from '../../server/store/tables/areas.ts';
import { builtinGroupsJson, readBuiltinRegisters, writeBuiltinRegisters } from '../../server/store/tables/builtin-registers.ts';
import { districtWriter, readDistricts } from '../../server/store/tables/districts.ts';
import { imdMixReader, imdMixWriter } from '../../server/store/tables/imd-mix.ts';
import { layerWriter, readLayers } from '../../server/store/tables/layers.ts';
import { lsoaPlaceWriter, readLsoaPlaces } from '../../server/store/tables/lsoa-places.ts';
import { metaValue, metaWriter, readMeta } from '../../server/store/tables/meta.ts';
import { outputAreaTally, outputAreaWriter, readOutputAreas } from '../../server/store/tables/output-areas.ts';
import { postcodePointReader, postcodePrefixReader, postcodeReader, postcodeWriter } from '../../server/store/tables/postcodes.ts';
import { methodWriter, provisionWriter, readProvisionKey } from '../../server/store/tables/provision-key.ts';
import { readServices, serviceWriter } from '../../server/store/tables/services.ts';
import { readSources, sourceWriter } from '../../server/store/tables/sources.ts';
import { readDistrictOutlines, readTileAddresses, readTilesets, tileReader, tileWriters, TILES_DDL } from '../../server/store/tables/tiles.ts';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.exec(SCHEMA);
  db.exec(TILES_DDL);
});
afterEach(() => db.close());

const source = { id: 'boundaries', file: 'b.geojson', sha256: 'abc', bytes: 12, title: 'Parishes', vintage: '2024', publisher: 'ONS', licence: 'OGL', licence_url: 'https://x', attribution: 'ONS', official_download: 'https://y', feeds: 'parishes' };
const noService = { extent: null, share: null, withheldUnparished: false, shareAtLeast: false };
const services = Object.fromEntries(SERVICE_IDS.map((s) => [s, noService])) as Record<ServiceId, typeof noService>;

function area(code: string, over: Partial<AreaInput> = {}): AreaInput {
  return {
    code, name: `Area ${code}`, districtCode: 'E07000129', geometryType: 'Polygon', geometryJson: `{"type":"Polygon","coordinates":[[[${code.length},0],[1,0],[1,1],[0,0]]]}`,
    geometrySource: null, bbox: [-1.2, 52.5, -1.1, 52.6], label: [-1.15, 52.55], centroid: [-1.14, 52.56], population: 100,
    category: 'laa_target', categoryExtent: 'part', categoryShare: 0.25, categoryShareAtLeast: true,
    context: { imdDecile: 3, imdRank: 9000, imdScore: 21.5, cniScore: 40, cniRank: 12, leftBehind: false }, ...over,
  };
}

/** The rows an area's references need (SQLite checks foreign keys): its source, layer and district, and every service. */
function parents() {
  sourceWriter(db)(source);
  layerWriter(db)({ id: 'parishes', title: 'Parishes', description: 'd', sourceId: 'boundaries', population: 'parish-bestfit' }, 0, 0, [0, 0, 0, 0]);
  districtWriter(db)({ code: 'E07000129', name: 'Blaby' });
  const service = serviceWriter(db);
  SERVICE_IDS.forEach((id, i) => service({ id, short_name: id, gis_key: id.slice(0, 6), name: id, key_text: '', description: id }, i));
}

describe('server/store/tables', () => {
  it('compose a schema SQLite accepts, with the tiles created apart', () => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'area_rtree_%' ORDER BY rowid").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['meta', 'sources', 'layers', 'districts', 'areas', 'area_rtree', 'services', 'rules', 'appendix_entries', 'methods', 'provisions',
      'area_designations', 'area_provisions', 'area_services', 'lsoa_places', 'area_imd_mix', 'output_areas', 'postcodes', 'builtin_registers', 'tiles', 'tilesets', 'district_outlines']);
  });

  it('read back the reference tables as written', () => {
    const meta = metaWriter(db);
    meta('schema_version', '9');
    meta('area', '{"code":"E10000018"}');
    expect([...readMeta(db)]).toEqual([['schema_version', '9'], ['area', '{"code":"E10000018"}']]);
    expect(metaValue(db, 'area')).toBe('{"code":"E10000018"}');
    expect(metaValue(db, 'missing')).toBeUndefined();

    sourceWriter(db)(source);
    expect(readSources(db)).toEqual([{ ...source, caveat: null }]);
    layerWriter(db)({ id: 'parishes', title: 'Parishes', description: 'd', sourceId: 'boundaries', population: 'parish-bestfit', historical: true }, 0, 2, [-1.6, 52.3, -0.7, 52.9]);
    expect(readLayers(db, readSources(db))).toEqual([{ id: 'parishes', title: 'Parishes', description: 'd', featureCount: 2, populationMethod: 'parish-bestfit', historical: true, bbox: [-1.6, 52.3, -0.7, 52.9], source: { ...source, caveat: null } }]);

    const district = districtWriter(db);
    district({ code: 'E07000130', name: 'Charnwood' });
    district({ code: 'E07000129', name: 'Blaby' });
    expect(readDistricts(db).map((d) => d.name)).toEqual(['Blaby', 'Charnwood']);

    serviceWriter(db)({ id: 'nw', short_name: 'NW', gis_key: 'nw', name: 'Neighbourhood Workers', key_text: 'k', description: 'd' }, 0);
    expect(readServices(db)).toEqual([{ id: 'nw', shortName: 'NW', gisKey: 'nw', name: 'Neighbourhood Workers', keyText: 'k', description: 'd' }]);
    ruleWriter(db)({ table: 'parish', category: 'laa_target', rowLabel: 'LAA target', services: ['nw', 'pc'] });
    expect(readRules(db)).toEqual([{ table: 'parish', category: 'laa_target', rowLabel: 'LAA target', services: ['nw', 'pc'] }]);
    const entry = { id: 1, table: 'urban' as const, category: 'general' as const, listedAs: 'Loughborough (part)', extent: 'part' as const, layer: 'ward-2025', codes: ['E05000001', 'E05000002'], areas: ['A', 'B'], method: 'ward_name', note: '' };
    appendixEntryWriter(db)(entry);
    expect(readEntries(db)).toEqual([entry]);

    methodWriter(db)('ward_name', { confidence: 'resolved', lowerConfidence: true, description: 'by name' });
    provisionWriter(db)({ id: 'scat', kind: 'countywide', label: 'SCAT', services: ['scat'], evidence: 'strategy' });
    expect(readProvisionKey(db)).toEqual({
      provisions: [{ id: 'scat', kind: 'countywide', label: 'SCAT', services: ['scat'], evidence: 'strategy' }],
      methods: [{ method: 'ward_name', confidence: 'resolved', lower_confidence: true, description: 'by name' }],
    });
  });

  it('read an area back as written, through its row, geometry, R-tree entry and checks', () => {
    parents();
    const write = areaWriter(db);
    const a = area('E04000001');
    const id = write('parishes', a);
    const point = write('parishes', area('E04000002', { geometryType: 'Point', population: null, category: null, categoryExtent: null, categoryShare: null, categoryShareAtLeast: false, context: null }));
    const [row, pointRow] = [...eachAreaRow(db)].map(areaColumns);
    expect(row).toEqual({
      id, layer: 'parishes', code: a.code, name: a.name, districtCode: a.districtCode, geometryType: 'Polygon', geometrySource: null, bbox: a.bbox, label: a.label, centroid: a.centroid,
      population: 100, category: 'laa_target', categoryExtent: 'part', categoryShare: 0.25, categoryShareAtLeast: true,
      imd: { decile: 3, rank: 9000, score: 21.5 }, cni: { score: 40, rank: 12, leftBehind: false },
    });
    expect(pointRow).toMatchObject({ id: point, geometryType: 'Point', population: null, category: null, categoryShareAtLeast: false, imd: null, cni: null });
    expect(geometryReader(db)(id)).toBe(a.geometryJson);
    expect(geometryReader(db)(999)).toBeUndefined();
    expect(rtreeReader(db)(-1.15, 52.55).sort()).toEqual([id, point].sort());
    expect(rtreeReader(db)(0, 0)).toEqual([]);
    expect([...eachLabelPoint(db)].map((l) => l.code)).toEqual(['E04000001', 'E04000002']);
    expect(polygonBoxesReader(db)('parishes')).toEqual([{ id, code: a.code, geometryType: 'Polygon', bbox: a.bbox }]);
    expect(layerTally(db, 'parishes')).toEqual({ n: 2, pop: 100 });
    expect(indexedTally(db)).toEqual({ areas: 2, indexed: 2 });
    expect(withoutImd(db, 'parishes')).toBe(1);
  });

  it('give each area exactly its own child rows, in whatever order asked', () => {
    const entries = [{ id: 1, table: 'parish' as const, category: 'general' as const, listedAs: 'Anstey', extent: 'whole' as const, layer: 'parish', codes: ['E04000001'], areas: ['Anstey'], method: 'exact', note: '' }];
    appendixEntryWriter(db)(entries[0]);
    methodWriter(db)('exact', { confidence: 'listed', lowerConfidence: false, description: 'exact' });
    provisionWriter(db)({ id: 'scat', kind: 'countywide', label: 'SCAT', services: ['scat'], evidence: 'strategy' });
    parents();
    const writeArea = areaWriter(db);
    for (let i = 1; i <= 300; i++) writeArea('parishes', area(`E0400${String(i).padStart(4, '0')}`));
    const write = areaAttributesWriter(db);
    // Ids either side of a block's edge (64) and far beyond it.
    const ids = [1, 63, 64, 65, 300];
    for (const id of ids)
      write(id, {
        designations: [{ entryId: 1, table: 'parish', category: 'general', listedAs: 'Anstey', extent: 'whole', share: id / 1000, via: [{ layer: 'parishes', code: `C${id}`, share: 1 }], method: 'exact', confidence: 'listed' }],
        provisions: [{ id: 'scat', label: 'SCAT', services: ['scat'], evidence: 'strategy', extent: 'part', share: null }],
        services: { ...services, nw: { extent: 'part', share: id / 1000, withheldUnparished: id === 64, shareAtLeast: true } },
      });
    const read = attributeReader(db, entries, (_layer, code) => `name of ${code}`);
    for (const id of [300, 64, 1, 65, 63]) {
      expect(read.designations(id)).toEqual([{ entryId: 1, table: 'parish', category: 'general', listedAs: 'Anstey', listedExtent: 'whole', extent: 'whole', share: id / 1000, method: 'exact', confidence: 'listed', lowerConfidence: false, via: [{ layer: 'parishes', code: `C${id}`, share: 1, name: `name of C${id}` }] }]);
      expect(read.provisions(id)).toEqual([{ id: 'scat', label: 'SCAT', services: ['scat'], evidence: 'strategy', extent: 'part', share: null }]);
      const extents = read.serviceExtents(id); // an area asks once: its record keeps the answer
      expect(extents.nw).toEqual({ extent: 'part', share: id / 1000, withheldUnparished: id === 64, shareAtLeast: true });
      expect(extents.pc).toEqual(noService);
    }
    expect(read.designations(2)).toEqual([]);
  });

  it('read back the places, deprivation mix, Output Areas and postcodes as written', () => {
    const place = lsoaPlaceWriter(db);
    place({ lsoa: 'E01000001', layer: 'wards', code: 'W1', share: 0.3 });
    place({ lsoa: 'E01000001', layer: 'wards', code: 'W2', share: 0.7 });
    expect(readLsoaPlaces(db).map((p) => p.code)).toEqual(['W2', 'W1']);
    imdMixWriter(db)({ layer: 'lsoas', code: 'E01000001', mix: [0, 10, 0, 0, 0, 0, 0, 0, 0, 5] });
    expect(imdMixReader(db)('lsoas', 'E01000001')).toEqual([0, 10, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(imdMixReader(db)('lsoas', 'E01000002')).toBeNull();

    const reach = { services: { ...Object.fromEntries(SERVICE_IDS.map((s) => [s, null])), nw: 'all', pc: 'some' } as Record<ServiceId, 'all' | 'some' | null>, withheld: ['pc'] as ServiceId[], categories: { laa_target: 'some', social_capital: null, general: 'all' } as const };
    outputAreaWriter(db)({ code: 'E00000001', lsoa: 'E01000001', district: 'E07000129', population: 300, centroid: [-1.1, 52.6], areas: ['P1', 'W1', 'E01000001'], reach });
    expect(readOutputAreas(db)).toEqual([{ code: 'E00000001', lsoa: 'E01000001', district: 'E07000129', population: 300, lon: -1.1, lat: 52.6, areas: ['P1', 'W1', 'E01000001'], reach }]);
    expect(outputAreaTally(db)).toEqual({ n: 1, pop: 300 });

    const postcode = postcodeWriter(db);
    expect(postcode({ key: 'LE11AA', postcode: 'LE1 1AA', lon: -1.13, lat: 52.63 })).toBe(1);
    expect(postcode({ key: 'LE11AA', postcode: 'LE1 1AA', lon: 0, lat: 0 })).toBe(0); // the first row of a repeated postcode is kept
    postcode({ key: 'LE11AB', postcode: 'LE1 1AB', lon: -1.14, lat: 52.64 });
    expect(postcodeReader(db)('LE11AA')).toEqual({ postcode: 'LE1 1AA', lon: -1.13, lat: 52.63 });
    expect(postcodePointReader(db)('LE11AB')).toEqual({ lon: -1.14, lat: 52.64 });
    expect(postcodePrefixReader(db)('LE11', 1).map((p) => p.postcode)).toEqual(['LE1 1AA']);
  });

  it('read back the built-in registers and the tiles as written', () => {
    writeBuiltinRegisters(db, [{ name: 'libraries', source: 'DCMS', file: 'groups/l.csv', leftOut: 2, groups: [{ name: 'Anstey Library' }] }]);
    expect(readBuiltinRegisters(db)).toEqual([{ name: 'libraries', source: 'DCMS', file: 'groups/l.csv', leftOut: 2, groupsJson: '[{"name":"Anstey Library"}]' }]);
    expect(builtinGroupsJson(db, 'libraries')).toBe('[{"name":"Anstey Library"}]');
    expect(builtinGroupsJson(db, 'none')).toBeUndefined();

    const write = tileWriters(db);
    write.tile('parishes', 9, 250, 170, Buffer.from([1, 2, 3]));
    write.tile('parishes', 6, 31, 21, Buffer.from([4]));
    write.tileset({ id: 'parishes', minzoom: 6, maxzoom: 14, bounds: [-1.6, 52.3, -0.7, 52.9], tiles: 2, bytes: 4 });
    write.tileset({ id: 'retired' as 'parishes', minzoom: 6, maxzoom: 14, bounds: [0, 0, 1, 1], tiles: 0, bytes: 0 });
    write.outline('E07000129', 'Blaby', '{"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]}');
    expect(tileReader(db)('parishes', 9, 250, 170)).toEqual(Buffer.from([1, 2, 3]));
    expect(tileReader(db)('parishes', 9, 250, 171)).toBeUndefined();
    expect(readTileAddresses(db, 'parishes')).toEqual([{ z: 6, x: 31, y: 21 }, { z: 9, x: 250, y: 170 }]);
    expect([...readTilesets(db).values()]).toEqual([{ id: 'parishes', minzoom: 6, maxzoom: 14, bounds: [-1.6, 52.3, -0.7, 52.9], tiles: 2, bytes: 4 }]);
    expect(readDistrictOutlines(db)).toEqual([{ code: 'E07000129', name: 'Blaby', geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]]] } }]);
  });
});
