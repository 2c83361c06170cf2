// Web Mercator tile arithmetic (the XYZ scheme MapLibre, TileJSON and MBTiles-style tables use).

export type BBox = [number, number, number, number];

export function lonToTileX(lon: number, z: number): number {
  return Math.min((1 << z) - 1, Math.max(0, Math.floor(((lon + 180) / 360) * (1 << z))));
}

export function latToTileY(lat: number, z: number): number {
  const r = (Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI) / 180;
  return Math.min((1 << z) - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * (1 << z))));
}

/** The [west, south, east, north] of tile z/x/y in degrees. */
export function tileBBox(z: number, x: number, y: number): BBox {
  const n = 1 << z;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}

/** Every tile of zoom z that the bounding box touches. */
export function tilesCovering(bbox: BBox, z: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let x = lonToTileX(bbox[0], z); x <= lonToTileX(bbox[2], z); x++)
    for (let y = latToTileY(bbox[3], z); y <= latToTileY(bbox[1], z); y++) out.push({ x, y });
  return out;
}

export const intersects = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
