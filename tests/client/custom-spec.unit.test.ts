// Your own area's URL form: a drawn ring or chosen areas survive a round trip, junk is dropped, and
// the request body closes the ring anticlockwise (RFC 7946).
import '../support/client-layers.ts';
import { describe, expect, it } from 'vitest';
import { closedRing, parseCustom, profileBody, writeCustom } from '../../client/custom/custom-spec.ts';

describe('custom area in the URL', () => {
  it('round-trips a ring at 5 decimals and a list of areas', () => {
    const ring: [number, number][] = [[-1.123456, 52.6], [-1.0, 52.6], [-1.0, 52.7]];
    const written = writeCustom({ kind: 'polygon', ring });
    expect(written).toBe('-1.12346,52.6_-1,52.6_-1,52.7');
    expect(parseCustom(written)).toEqual({ kind: 'polygon', ring: [[-1.12346, 52.6], [-1, 52.6], [-1, 52.7]] });
    const areas = { kind: 'areas' as const, areas: [{ layer: 'parishes' as const, code: 'E04005342' }, { layer: 'lsoas' as const, code: 'E01025611' }] };
    expect(parseCustom(writeCustom(areas))).toEqual(areas);
  });

  it('drops what is not a ring of 3+ points or a known layer/code', () => {
    expect(parseCustom('-1,52_-1.1,52.1')).toBeNull();
    expect(parseCustom('-1,52_-1.1,x_-1,53')).toBeNull();
    expect(parseCustom('-1,52_-1.1,95_-1,53')).toBeNull();
    expect(parseCustom('counties/E10000018')).toBeNull();
    expect(parseCustom('parishes/E04005342,bogus')).toEqual({ kind: 'areas', areas: [{ layer: 'parishes', code: 'E04005342' }] });
  });

  it('closes the ring anticlockwise for the request', () => {
    const clockwise: [number, number][] = [[0, 0], [0, 1], [1, 1], [1, 0]];
    const ring = closedRing(clockwise);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring).toEqual([[1, 0], [1, 1], [0, 1], [0, 0], [1, 0]]);
    expect(profileBody({ kind: 'areas', areas: [{ layer: 'wards', code: 'E05015260' }] }, ['libraries'])).toEqual({ registers: ['libraries'], areas: ['wards/E05015260'] });
  });
});
