// Population-weighted overlay of designations onto other layers, on a tiny synthetic county.
import { describe, expect, it } from 'vitest';
import { overlayDesignations, type OverlayUnit, type ResolvedEntry } from '../../server/domain/overlay.ts';

// Two parishes P1, P2; three wards W1 (inside P1), W2 (straddles P1 and P2), W3 (inside P2).
const units: OverlayUnit[] = [
  { weight: 100, areaIn: { parish: 'P1', ward: 'W1' } },
  { weight: 300, areaIn: { parish: 'P1', ward: 'W2' } },
  { weight: 100, areaIn: { parish: 'P2', ward: 'W2' } },
  { weight: 200, areaIn: { parish: 'P2', ward: 'W3' } },
];
const entry = (id: number, codes: string[], extent: 'whole' | 'part' = 'whole', sourceLayer = 'parish'): ResolvedEntry => ({
  id,
  table: 'parish',
  category: 'general',
  extent,
  listedAs: `entry ${id}`,
  sourceLayer,
  sourceCodes: codes,
});

describe('overlayDesignations', () => {
  it('applies an entry directly, with its own extent, on the layer it was resolved to', () => {
    const out = overlayDesignations({ targetLayer: 'parish', entries: [entry(1, ['P1'], 'part')], units, points: [] });
    expect(out.get('P1')).toEqual([
      { entryId: 1, table: 'parish', category: 'general', listedAs: 'entry 1', extent: 'part', share: 1, via: [{ layer: 'parish', code: 'P1', share: 1 }] },
    ]);
    expect(out.has('P2')).toBe(false);
  });

  it('marks a ward whole when all its residents live in the designated parish, part otherwise, with the share', () => {
    const out = overlayDesignations({ targetLayer: 'ward', entries: [entry(1, ['P1'])], units, points: [] });
    expect(out.get('W1')![0]).toMatchObject({ extent: 'whole', share: 1 });
    expect(out.get('W2')![0]).toMatchObject({ extent: 'part', share: 0.75, via: [{ layer: 'parish', code: 'P1', share: 0.75 }] });
    expect(out.has('W3')).toBe(false);
  });

  it('adds up shares from several source areas of one entry', () => {
    const out = overlayDesignations({ targetLayer: 'ward', entries: [entry(1, ['P1', 'P2'])], units, points: [] });
    expect(out.get('W2')![0]).toMatchObject({ extent: 'whole', share: 1 });
    expect(out.get('W2')![0].via.map((v) => v.code).sort()).toEqual(['P1', 'P2']);
  });

  it('never widens a part entry to whole through overlay', () => {
    const out = overlayDesignations({ targetLayer: 'ward', entries: [entry(1, ['P1'], 'part')], units, points: [] });
    expect(out.get('W1')![0].extent).toBe('part');
  });

  it('links label-point areas through the area their point lies in, as part with no share', () => {
    const points = [{ layer: 'parish', code: 'P3', areaIn: { ward: 'W3' } }];
    const asSource = overlayDesignations({ targetLayer: 'ward', entries: [entry(1, ['P3'])], units, points });
    expect(asSource.get('W3')![0]).toMatchObject({ extent: 'part', share: null, via: [{ layer: 'parish', code: 'P3', share: null }] });
    const asTarget = overlayDesignations({ targetLayer: 'parish', entries: [entry(2, ['W3'], 'whole', 'ward')], units, points });
    expect(asTarget.get('P3')![0]).toMatchObject({ extent: 'part', share: null });
  });

  it('sorts an area\'s designations by category rank', () => {
    const entries: ResolvedEntry[] = [entry(1, ['P1']), { ...entry(2, ['P1']), category: 'laa_target' }];
    const out = overlayDesignations({ targetLayer: 'parish', entries, units, points: [] });
    expect(out.get('P1')!.map((d) => d.category)).toEqual(['laa_target', 'general']);
  });
});
