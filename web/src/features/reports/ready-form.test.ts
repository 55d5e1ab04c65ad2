import { describe, expect, it } from 'vitest';
import type { TIndicatorInput } from '../../../../contracts/reporting.ts';
import { CHILD_LABOUR_SURVEY } from '../../../../domain/reporting/ready-forms.ts';
import { materialiseReadyForm } from './ready-form.ts';

describe('materialiseReadyForm', () => {
  it('reuses the indicators that exist by code and creates the others, in the form order', async () => {
    const created: TIndicatorInput[] = [];
    const existing = [{ id: 70, code: 'TENC_MUC_DO' }];
    const result = await materialiseReadyForm(CHILD_LABOUR_SURVEY, existing, async (input) => {
      created.push(input);
      return { id: 100 + created.length };
    });
    const codes = CHILD_LABOUR_SURVEY.indicators.map((i) => i.code);
    expect(created.map((c) => c.code)).toEqual(codes.filter((c) => c !== 'TENC_MUC_DO'));
    expect(created[0]).toMatchObject({ disaggregation: 'sector+area', kind: 'count', aggregation: 'sum' });
    expect(result.indicatorIds).toEqual([101, 102, 103, 70, 104, 105, 106]);
    expect(result.requiredIndicatorIds).toEqual([101, 102, 103, 70]);
  });
});
