// The category and service rules applied to designations, using the rules from geodata/rules.csv.
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../server/pipeline/curated.ts';
import { grants, highestCategory, type DesignationLike } from '../../server/domain/service-rules.ts';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';
import { CURATED_DIR } from '../support/paths.ts';

const { rules } = loadRules(CURATED_DIR);
const d = (table: 'parish' | 'urban', category: DesignationLike['category'], extent: 'whole' | 'part' = 'whole'): DesignationLike => ({ table, category, extent });

describe('highestCategory', () => {
  it('ranks laa_target over social_capital over general', () => {
    expect(highestCategory([d('parish', 'general'), d('parish', 'laa_target'), d('parish', 'social_capital')])).toBe('laa_target');
    expect(highestCategory([d('parish', 'general'), d('urban', 'social_capital')])).toBe('social_capital');
    expect(highestCategory([d('urban', 'general')])).toBe('general');
  });
  it('is null for an area no entry designates', () => {
    expect(highestCategory([])).toBeNull();
  });
});

describe('grants', () => {
  it('grants a row exactly the services ticked for it in the rules', () => {
    for (const table of ['parish', 'urban'] as const)
      for (const category of ['laa_target', 'social_capital', 'general'] as const)
        expect(SERVICE_IDS.filter((s) => grants(rules, d(table, category), s))).toEqual(SERVICE_IDS.filter((s) => rules[table][category].has(s)));
  });
});
