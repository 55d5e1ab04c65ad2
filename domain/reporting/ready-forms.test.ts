import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS, ZIndicatorInput } from '../../contracts/reporting.ts';
import { categoryKeysOf, dimensionsOf } from './breakdowns.ts';
import { CHILD_LABOUR_SURVEY, READY_FORMS } from './ready-forms.ts';

describe('ready forms', () => {
  it('define indicators the API accepts, with unique codes, and sections of the default list', () => {
    for (const form of READY_FORMS) {
      const codes = form.indicators.map((i) => i.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const indicator of form.indicators) {
        const parsed = ZIndicatorInput.safeParse({
          ...indicator,
          numeratorLabel: null,
          denominatorLabel: null,
        });
        expect(parsed.success, indicator.code).toBe(true);
      }
      const known = new Set<string>(DEFAULT_SECTIONS.map((s) => s.key));
      for (const key of form.sections) expect(known.has(key)).toBe(true);
      for (const key of form.requiredSections) expect(form.sections).toContain(key);
    }
  });
  it('asks the child-labour survey by sector, area, sex, children’s age and risk, with the 2016–2020 baseline', () => {
    const by = CHILD_LABOUR_SURVEY.indicators.map((i) => i.disaggregation);
    expect(by).toEqual(expect.arrayContaining(['sector+area', 'sex+age_child', 'risk']));
    expect(dimensionsOf('sector+area').map((d) => d.code)).toEqual(['sector', 'area']);
    expect(categoryKeysOf('sector+area')).toContain('craft_village|rural');
    expect(CHILD_LABOUR_SURVEY.indicators.some((i) => i.name.includes('2016–2020'))).toBe(true);
  });
});
