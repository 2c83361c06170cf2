// QGIS (PyQGIS from Debian's python3-qgis, 3.22) opens each OGC collection through its WFS/OGC API
// provider and "saves features as" GeoPackage and ESRI Shapefile, as a researcher does from the menu.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/registry/layers.ts';
import { useListeningAtlas } from '../support/atlas-app.ts';
import { EXPECTED_FEATURES } from '../support/paths.ts';
import { tempDir } from '../support/variant-dirs.ts';

const run = promisify(execFile);

const SAVE_AS = `
import json, os, sys
from qgis.core import QgsApplication, QgsVectorLayer, QgsVectorFileWriter, QgsCoordinateTransformContext
app = QgsApplication([], False)
app.initQgis()
url, layer, out = sys.argv[1], sys.argv[2], sys.argv[3]
src = QgsVectorLayer(f"url='{url}' typename='{layer}' restrictToRequestBBOX='0' pagingEnabled='true'", layer, 'OAPIF')
result = {'valid': src.isValid(), 'count': src.featureCount(), 'saved': {}}
for driver, ext in (('GPKG', 'gpkg'), ('ESRI Shapefile', 'shp')):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = driver
    options.fileEncoding = 'UTF-8'
    path = os.path.join(out, f'{layer}.{ext}')
    err = QgsVectorFileWriter.writeAsVectorFormatV3(src, path, QgsCoordinateTransformContext(), options)
    saved = QgsVectorLayer(path, 'saved', 'ogr')
    result['saved'][driver] = {'error': err[0], 'message': err[1], 'count': saved.featureCount(), 'fields': [f.name() for f in saved.fields()]}
print(json.dumps(result))
sys.stdout.flush()
os._exit(0)  # exitQgis() can crash on the way out in a headless run; the answer is already printed
`;

const served = useListeningAtlas();
const out = tempDir('qgis');

describe('QGIS "Save features as"', () => {
  it.each(LAYERS.map((l) => l.id))('saves the OGC collection %s to GeoPackage and Shapefile with every feature and field', async (id) => {
    const { stdout } = await run('/usr/bin/python3', ['-c', SAVE_AS, `${served.server.url}/ogc`, id, out], {
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: out },
    }).catch((err: { code?: unknown; signal?: unknown; stdout?: string; stderr?: string }) => {
      throw new Error(`PyQGIS failed (${String(err.code)} ${String(err.signal)}): ${err.stdout} ${err.stderr?.split('\n').filter((l) => !l.startsWith('Warning')).join('\n').slice(-3000)}`);
    });
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(result.valid).toBe(true);
    for (const driver of ['GPKG', 'ESRI Shapefile']) {
      const saved = result.saved[driver];
      expect(saved.error, `${driver}: ${saved.message}`).toBe(0); // 0 = NoError; before the flat form, "Unsupported type for field designations"
      expect(saved.count, driver).toBe(EXPECTED_FEATURES[id]);
      expect(saved.fields, driver).toEqual(expect.arrayContaining(['code', 'svc_nw', 'ext_nw', 'd1_listed']));
    }
  });
});
