// The words the legend, table and panel use for shares and confidence (issue 8): a part with its share,
// an unspecified part when Appendix One does not say which; designation sentences come from the server.
import { describe, expect, it } from 'vitest';
import { designationText } from '../../client/panels/services-answer.ts';
import { categoryText } from '../../client/layers/views/category.ts';
import type { Designation } from '../../client/types.ts';

describe('share and confidence texts', () => {
  it('gives a part category its share of residents, or says the part is unspecified', () => {
    expect(categoryText({ category: 'laa_target', category_extent: 'part', category_share: 0.9225 })).toBe('LAA target area (part of the area, 92% of residents)');
    expect(categoryText({ category: 'laa_target', category_extent: 'part', category_share: null })).toBe('LAA target area (an unspecified part of the area)');
    expect(categoryText({ category: 'general', category_extent: 'whole', category_share: 1 })).toBe('General');
  });

  it('shows the designation sentence the server wrote, not one of its own', () => {
    expect(designationText({ text: 'General, parish table: listed as “Charley”; whole area' } as Designation)).toBe('General, parish table: listed as “Charley”; whole area');
  });
});
