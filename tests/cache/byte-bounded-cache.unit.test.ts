// The one byte-bounded LRU: entries out oldest first past the budget, and an entry that grows after it
// is kept (an answer gaining encodings) counted again without being evicted itself.
import { describe, expect, it } from 'vitest';
import { ByteBoundedCache } from '../../server/cache/byte-bounded-cache.ts';

describe('ByteBoundedCache', () => {
  it('evicts the least recently used past the budget', () => {
    const c = new ByteBoundedCache<string, number>(10);
    c.set('a', 1, 4);
    c.set('b', 2, 4);
    c.get('a');
    c.set('c', 3, 4);
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([1, undefined, 3]);
    expect(c.bytesHeld).toBe(8);
  });

  it('counts a grown entry again, evicting others but never it', () => {
    const c = new ByteBoundedCache<string, number>(10);
    c.set('a', 1, 3);
    c.set('b', 2, 3);
    c.resize('b', 9);
    expect([c.get('a'), c.get('b')]).toEqual([undefined, 2]);
    expect(c.bytesHeld).toBe(9);
    c.resize('b', 9); // unchanged: nothing moves
    c.resize('missing', 5);
    expect(c.bytesHeld).toBe(9);
  });
});
