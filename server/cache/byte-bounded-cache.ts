// The one least-recently-used map bounded in bytes (each entry's size given by the caller): the store's
// parsed geometries, the point index's prepared polygons and the HTTP answers all keep their entries in it.

export class ByteBoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** How many entries are held. */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, as the callers measured their entries. */
  get bytesHeld(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
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
    this.evictBesides(key);
    return value;
  }

  /** An entry that has grown (an answer gains encodings after it is kept) is counted again; a no-op when its size is unchanged. */
  resize(key: K, bytes: number): void {
    const e = this.entries.get(key);
    if (!e || e.bytes === bytes) return;
    this.bytes += bytes - e.bytes;
    e.bytes = bytes;
    this.evictBesides(key);
  }

  /** Least recently used out first until the budget holds, never `key` itself. */
  private evictBesides(key: K): void {
    for (const [old, e] of this.entries) {
      if (this.bytes <= this.maxBytes || old === key) break;
      this.entries.delete(old);
      this.bytes -= e.bytes;
    }
  }
}
