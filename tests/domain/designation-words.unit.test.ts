// The words for a designation (one home for API, panel, profile and Compare): "listed as" only when
// Appendix One names this very area, "from the listing … through" for derived areas, and inference
// worded for the layer it is shown on.
import { describe, expect, it } from 'vitest';
import { designationLine, type DesignationForWords } from '../../server/domain/designation-words.ts';

const designation = (o: Partial<DesignationForWords>): DesignationForWords => ({
  category: 'laa_target', table: 'parish', listedAs: 'Greenhill', listedExtent: 'whole', extent: 'part', share: 0.92, method: 'historical_ward', confidence: 'resolved', lowerConfidence: false,
  via: [{ layer: 'wards-2013', code: 'E05005519', name: 'Greenhill', share: 0.92 }], ...o,
});
const parish = { layer: 'parishes', code: 'X' };

describe('designationLine', () => {
  it('says "listed as" only when Appendix One names this very area', () => {
    const charley = designation({ category: 'general', confidence: 'listed', listedAs: 'Charley', extent: 'whole', share: 1, via: [{ layer: 'parishes', code: 'X', name: 'Charley', share: 1 }] });
    expect(designationLine(charley, parish)).toBe('General, parish table: listed as “Charley”; whole area');
    // The same listing seen from a ward that holds Charley: it comes through the parish.
    const fromWard = designationLine({ ...charley, extent: 'part', share: 0.1 }, { layer: 'wards', code: 'W' });
    expect(fromWard).toBe('General, parish table: from the listing “Charley”; part of the area (10% of residents); through Charley (100% of residents)');
    expect(fromWard).not.toContain('listed as');
  });

  it('says how a resolved designation was resolved, and an unspecified part when the entry is "(part)"', () => {
    const line = designationLine(designation({ listedExtent: 'part', share: 1 }), { layer: 'wards-2013', code: 'E05005519' });
    expect(line).toBe('LAA target area, parish table: resolved from the listing “Greenhill” (part only) to the 2013 ward(s) of that name; an unspecified part of the area');
  });

  it('words a successor inference for the layer it is shown on: "this parish" only on the parish', () => {
    const inherited = designation({ confidence: 'inferred', method: 'successor_parish', listedAs: 'Loughborough', listedExtent: 'part', share: 1, via: [{ layer: 'parishes', code: 'X', name: 'Stonebow Village', share: 1 }] });
    expect(designationLine(inherited, parish)).toContain('because this parish was formed after 2008');
    const onWard = designationLine({ ...inherited, share: 0.4, via: [{ layer: 'parishes', code: 'X', name: 'Stonebow Village', share: 0.4 }] }, { layer: 'wards-2013', code: 'W' });
    expect(onWard).toContain('for the residents of a parish formed after 2008 from the area so listed');
    expect(onWard).toContain('through Stonebow Village (40% of residents)');
    expect(onWard).not.toContain('this parish');
  });
});
