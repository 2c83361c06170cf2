// Golden fixture for the tile cutter (server/pipeline/tile-cut.ts): a small tile job in
// tests/fixtures/golden/tile-cut/input.json and, in expected.json, every tile it cuts, decoded.
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import type { Geometry } from 'geojson';
import { PbfReader } from 'pbf';
import { describe, it } from 'vitest';
import { cutJob, type Props, type TileJob } from '../../server/pipeline/tile-cut.ts';
import type { TilesetId } from '../../server/registry/tilesets.ts';
import { expectGolden, goldenInput } from '../support/golden.ts';

interface Input {
  tileset: TilesetId;
  x: number;
  y: number;
  layers: Record<string, { properties: Props; geometry: Geometry }[]>;
}

/** The bounding box a job carries with each feature (the cutter reads geometry only as JSON text). */
function bboxOf(g: Geometry): [number, number, number, number] {
  const flat = JSON.stringify(g).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g)!.map((p) => p.split(',').map(Number));
  const xs = flat.map((p) => p[0]);
  const ys = flat.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A stored tile as a reviewer reads it: each source layer's features with tile coordinates. Gzip bytes vary with zlib, so they are decoded. */
function decode(data: Uint8Array) {
  const tile = new VectorTile(new PbfReader(gunzipSync(data)));
  return Object.fromEntries(Object.entries(tile.layers).map(([name, layer]) => [name, {
    extent: layer.extent,
    features: Array.from({ length: layer.length }, (_, i) => {
      const f = layer.feature(i);
      return { type: ['Unknown', 'Point', 'LineString', 'Polygon'][f.type], properties: f.properties, geometry: f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y])) };
    }),
  }]));
}

describe('tile cutter golden fixture', () => {
  it('cuts the job into the tiles and features in expected.json', () => {
    const input = goldenInput<Input>('tile-cut');
    const job: TileJob = {
      tileset: input.tileset, x: input.x, y: input.y,
      layers: Object.fromEntries(Object.entries(input.layers).map(([name, fs]) => [name, fs.map((f) => ({ properties: f.properties, geometry: JSON.stringify(f.geometry), bbox: bboxOf(f.geometry) }))])),
    };
    const tiles = cutJob(job).map((t) => ({ z: t.z, x: t.x, y: t.y, layers: decode(t.data) }));
    expectGolden('tile-cut', tiles);
  });
});
