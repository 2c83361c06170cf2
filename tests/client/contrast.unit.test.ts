// WCAG 2.2 AA contrast for the page's text and controls, read from the colour tokens in
// client/styles.css.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../client/layers/colour.ts';

const css = readFileSync(new URL('../../client/styles.css', import.meta.url), 'utf8');
const token = (name: string) => {
  const m = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
  if (!m) throw new Error(`styles.css has no --${name} colour`);
  return m[1];
};

describe('contrast (WCAG 2.2 AA)', () => {
  it('gives body, muted and link text at least 4.5:1 on the page and panel backgrounds', () => {
    for (const fg of ['text', 'muted', 'link'])
      for (const bg of ['bg', 'panel-bg', 'notice-bg']) expect(contrastRatio(token(fg), token(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('gives the header text and the ✓/✗ marks at least 4.5:1', () => {
    expect(contrastRatio(token('header-text'), token('header-bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(token('yes'), token('bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(token('no'), token('bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(token('focus-text'), token('focus'))).toBeGreaterThanOrEqual(4.5);
  });

  it('gives control borders and the focus ring at least 3:1 (non-text contrast)', () => {
    expect(contrastRatio(token('border'), token('bg'))).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(token('focus-text'), token('bg'))).toBeGreaterThanOrEqual(3);
  });

  it('computes the WCAG ratio correctly for known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
