// Golden fixture for the overlay (server/domain/overlay.ts): a hand-made county in
// tests/fixtures/golden/overlay/input.json and the coverage it must give in expected.json.
import { describe, it } from 'vitest';
import { overlayLayers, type InferredProvision, type OverlayRules, type OverlayUnit, type ResolvedEntry } from '../../server/domain/overlay.ts';
import type { ServiceId } from '../../server/domain/vocabulary.ts';
import { expectGolden, goldenInput } from '../support/golden.ts';

interface Input {
  targetLayers: string[];
  rules: Omit<OverlayRules, 'namedParishes' | 'successors' | 'isParished' | 'parishOnly'> & {
    unparishedPrefix: string;
    namedParishes: string[];
    successors: Record<string, { predecessor: string; within: { layer: string; codes: string[] } | null }>;
    parishOnly: ServiceId[];
    countywide: InferredProvision;
  };
  units: (OverlayUnit & { code: string })[];
  entries: ResolvedEntry[];
}

/** The rules as the overlay takes them: JSON has no sets, maps or functions. */
function rulesOf(r: Input['rules']): OverlayRules {
  const { unparishedPrefix, namedParishes, successors, parishOnly, ...rest } = r;
  return {
    ...rest,
    namedParishes: new Set(namedParishes),
    successors: new Map(Object.entries(successors).map(([code, s]) => [code, { predecessor: s.predecessor, within: s.within && { layer: s.within.layer, codes: new Set(s.within.codes) } }])),
    parishOnly: new Set(parishOnly),
    isParished: (code) => code !== undefined && !code.startsWith(unparishedPrefix),
  };
}

describe('overlay golden fixture', () => {
  it('gives every area of every layer the coverage in expected.json', () => {
    const input = goldenInput<Input>('overlay');
    const out = overlayLayers({ targetLayers: input.targetLayers, entries: input.entries, units: input.units, rules: rulesOf(input.rules) });
    // Maps become objects in code order, so the file reads as layer → area → coverage.
    const plain = Object.fromEntries([...out].map(([layer, areas]) => [layer, Object.fromEntries([...areas].sort(([a], [b]) => a.localeCompare(b)))]));
    expectGolden('overlay', plain);
  });
});
