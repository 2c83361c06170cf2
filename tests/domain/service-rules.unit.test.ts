// The category and service rules applied to designations, using the rules from geodata/rules.csv.
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../server/build/curated.ts';
import { categoryExtent, highestCategory, serviceCoverage, type DesignationLike } from '../../server/domain/service-rules.ts';
import { SERVICE_IDS } from '../../server/domain/vocabulary.ts';
import { CURATED_DIR } from '../support/paths.ts';

const { rules } = loadRules(CURATED_DIR);
const d = (table: 'parish' | 'urban', category: DesignationLike['category'], extent: 'whole' | 'part' = 'whole'): DesignationLike => ({ table, category, extent });
const available = (ds: DesignationLike[]) => SERVICE_IDS.filter((s) => serviceCoverage(rules, ds)[s].available);

describe('highestCategory', () => {
  it('ranks laa_target over social_capital over general', () => {
    expect(highestCategory([d('parish', 'general'), d('parish', 'laa_target'), d('parish', 'social_capital')])).toBe('laa_target');
    expect(highestCategory([d('parish', 'general'), d('urban', 'social_capital')])).toBe('social_capital');
    expect(highestCategory([d('urban', 'general')])).toBe('general');
  });
  it('is null for an area no entry designates', () => {
    expect(highestCategory([])).toBeNull();
    expect(categoryExtent([])).toBeNull();
  });
});

describe('serviceCoverage', () => {
  it('grants a row exactly the services ticked for it in the rules', () => {
    for (const table of ['parish', 'urban'] as const)
      for (const category of ['laa_target', 'social_capital', 'general'] as const)
        expect(available([d(table, category)])).toEqual(SERVICE_IDS.filter((s) => rules[table][category].has(s)));
  });

  it('takes the union over designations: any designation that grants a service makes it available', () => {
    const ds = [d('urban', 'general'), d('parish', 'general')];
    expect(available(ds)).toEqual(SERVICE_IDS.filter((s) => rules.urban.general.has(s) || rules.parish.general.has(s)));
  });

  it('reports a service as whole when any granting designation is whole, part when only partial ones grant it', () => {
    const cov = serviceCoverage(rules, [d('parish', 'social_capital', 'part'), d('parish', 'general', 'whole')]);
    const onlyPart = SERVICE_IDS.find((s) => rules.parish.social_capital.has(s) && !rules.parish.general.has(s))!;
    const both = SERVICE_IDS.find((s) => rules.parish.social_capital.has(s) && rules.parish.general.has(s))!;
    expect(cov[onlyPart]).toMatchObject({ available: true, extent: 'part' });
    expect(cov[both]).toMatchObject({ available: true, extent: 'whole' });
    expect(cov[both].grantedBy).toHaveLength(2);
  });

  it('makes nothing available with no designations', () => {
    const cov = serviceCoverage(rules, []);
    for (const s of SERVICE_IDS) expect(cov[s]).toEqual({ available: false, extent: null, grantedBy: [] });
  });

  it('gives the category extent of the highest category only', () => {
    expect(categoryExtent([d('parish', 'laa_target', 'part'), d('parish', 'general', 'whole')])).toBe('part');
    expect(categoryExtent([d('parish', 'laa_target', 'part'), d('urban', 'laa_target', 'whole')])).toBe('whole');
  });
});
