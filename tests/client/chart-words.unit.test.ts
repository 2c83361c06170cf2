// What the charts say they count: registers with their counted groups and total, and whether the
// 95% intervals overlap, worked by hand; and the saved chart's footnotes wrapped to its width.
import { describe, expect, it } from 'vitest';
import { countedText, intervalsText } from '../../client/panels/charts/chart-words.ts';
import { registerCount } from '../../client/panels/controls.ts';

const registers = [
  { name: 'libraries', rows: 50, counted: 50, source: '', importedAt: '', comparison: 'none' },
  { name: 'case-studies', rows: 21, counted: 17, source: '', importedAt: '', comparison: 'none' },
] as never;

describe('chart words', () => {
  it('names each register with the groups it counts, and the sum', () => {
    expect(countedText(registers, null, 67, false)).toBe('Registers counted: libraries (50 groups) and case-studies (17 groups): 67 groups = 50 + 17.');
    expect(countedText(registers, ['case-studies'], 17, false)).toBe('Registers counted: case-studies (17 groups).');
    expect(countedText(registers, null, 40, true)).toContain('the decile charts pool 40 of them');
    expect(countedText([] as never, null, 0, false)).toMatch(/^No register/);
  });

  it('says every interval overlaps, or names the pairs that do not', () => {
    expect(intervalsText([{ label: 'decile 1', lower: 0.1, upper: 0.5 }, { label: 'decile 2', lower: 0.3, upper: 0.9 }])).toMatch(/^Every 95% interval overlaps/);
    expect(intervalsText([{ label: 'decile 1', lower: 0.1, upper: 0.2 }, { label: 'decile 2', lower: 0.3, upper: 0.9 }, { label: 'decile 3', lower: 0.15, upper: 0.35 }])).toBe(
      'Most 95% intervals overlap, so most differences may be chance; these do not overlap: decile 2 above decile 1.',
    );
    expect(intervalsText([{ label: 'decile 1', lower: null, upper: null }])).toBe('');
  });

  it('gives a register tick box the groups it counts, and the rows only when they differ', () => {
    expect(registerCount({ rows: 50, counted: 50 })).toBe('(50 groups)');
    expect(registerCount({ rows: 21, counted: 17 })).toBe('(17 groups counted of 21 listed)');
  });
});
