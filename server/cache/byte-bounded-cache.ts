// A least-recently-used map bounded in bytes (each entry's size given by the caller), for the store's
// parsed geometries and the point index's prepared polygons.

export class ByteBoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** How many entries are held. */
  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: K, value: V, bytes: number): V {
    this.bytes -= this.entries.get(key)?.bytes ?? 0;
    this.entries.delete(key);
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [old, e] of this.entries) {
      if (this.bytes <= this.maxBytes || old === key) break;
      this.entries.delete(old);
      this.bytes -= e.bytes;
    }
    return value;
  }
}
