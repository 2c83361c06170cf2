// The words the legend, table and panel use for shares and confidence (issue 8): a part with its share,
// an unspecified part when the seed does not say which, and "listed as" only for a true listing.
import { describe, expect, it } from 'vitest';
import { designationText } from '../../client/panels/services-answer.ts';
import { categoryText } from '../../client/layers/views/category.ts';
import type { Designation } from '../../client/types.ts';

const designation = (o: Partial<Designation>): Designation => ({
  category: 'laa_target', extent: 'part', listed_as: 'Greenhill', table: 'parish', method: 'historical_ward', confidence: 'resolved', lower_confidence: false, share: 0.92, via: [{ layer: 'wards-2013', code: 'E05005519', name: 'Greenhill', share: 0.92 }], ...o,
});

describe('share and confidence texts', () => {
  it('gives a part category its share of residents, or says the part is unspecified', () => {
    expect(categoryText({ category: 'laa_target', category_extent: 'part', category_share: 0.9225 })).toBe('LAA target area (part of the area, 92% of residents)');
    expect(categoryText({ category: 'laa_target', category_extent: 'part', category_share: null })).toBe('LAA target area (an unspecified part of the area)');
    expect(categoryText({ category: 'general', category_extent: 'whole', category_share: 1 })).toBe('General');
  });

  it('says "listed as" only for a listing, and marks resolved, lower-confidence and inferred designations', () => {
    expect(designationText(designation({ confidence: 'listed', listed_as: 'Charley', extent: 'whole', share: 1, via: [{ layer: 'parishes', code: 'X', name: 'Charley', share: 1 }] }), 'X')).toBe('LAA target area, parish table, listed as “Charley”: whole area');
    const resolved = designationText(designation({}), 'E05010103');
    expect(resolved).toContain('resolved from “Greenhill”');
    expect(resolved).not.toContain('listed as');
    expect(resolved).toContain('92% of residents');
    expect(designationText(designation({ method: 'later_ward', lower_confidence: true }), 'Z')).toContain('(lower confidence)');
    expect(designationText(designation({ confidence: 'inferred', method: 'successor_parish', share: 1 }), 'Z')).toContain('inferred from “Greenhill”: an unspecified part of the area');
  });
});
