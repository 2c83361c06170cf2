// vt-pbf ships no types; this is the one function the tile build uses.
declare module 'vt-pbf' {
  const vtpbf: {
    /** Encodes geojson-vt tiles (one per source-layer name) as one Mapbox Vector Tile. */
    fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array;
  };
  export default vtpbf;
}
