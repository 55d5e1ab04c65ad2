import { describe, expect, it } from 'vitest';
import type { TReport } from '../../../../contracts/reporting.ts';
import {
  checkDraft,
  draftFromReport,
  draftSignature,
  formatPercent,
  inputIdOf,
  issueInputId,
  issueTarget,
  parseNumber,
  valuesToSave,
} from './report-draft.ts';

const indicator = (id: number, kind: 'ratio' | 'count' | 'sum' | 'boolean', sex = false) => ({
  id,
  code: `I${id}`,
  name: `Chỉ tiêu ${id}`,
  kind,
  unit: null,
  numeratorLabel: kind === 'ratio' ? 'Được tập huấn' : null,
  denominatorLabel: kind === 'ratio' ? 'Tổng số' : null,
  disaggregation: sex ? ('sex' as const) : ('none' as const),
  aggregation: 'sum' as const,
  threshold: 1,
  version: 0,
  required: true,
});

const report = {
  form: {
    id: 1,
    name: 'Biểu',
    planId: 1,
    versionId: 1,
    versionNumber: 1,
    indicators: [indicator(1, 'ratio', true), indicator(2, 'count'), indicator(3, 'boolean')],
    sections: [{ key: 'results', title: 'Kết quả thực hiện', required: true }],
    allowAttachments: true,
    version: 0,
  },
  previousValues: [],
  values: [],
  narrative: {},
} satisfies Pick<TReport, 'form' | 'previousValues' | 'values' | 'narrative'>;

describe('parseNumber', () => {
  it('reads Vietnamese and English number text', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber(' 45 ')).toBe(45);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('1.250')).toBe(1250);
    expect(parseNumber('1.250,5')).toBe(1250.5);
    expect(parseNumber('abc')).toBeUndefined();
    expect(parseNumber('12,')).toBeUndefined();
  });
});

describe('formatPercent', () => {
  it('shows one decimal with a comma', () => {
    expect(formatPercent(45, 50)).toBe('90,0%');
    expect(formatPercent(1, 3)).toBe('33,3%');
    expect(formatPercent(1, 0)).toBeNull();
    expect(formatPercent(null, 5)).toBeNull();
  });
});

describe('draft values', () => {
  it('leaves empty cells out and keeps the comment', () => {
    const draft = {
      values: {
        '1:total': { numerator: '45', denominator: '50', comment: 'ghi chú' },
        '1:male': { numerator: '', denominator: '', comment: '' },
        '2:total': { numerator: '1.200', denominator: '', comment: '' },
      },
      narrative: { results: 'Đã làm' },
    };
    expect(valuesToSave(draft)).toEqual([
      { indicatorId: 1, category: 'total', numerator: 45, denominator: 50, comment: 'ghi chú' },
      { indicatorId: 2, category: 'total', numerator: 1200, denominator: null, comment: null },
    ]);
  });

  it('round-trips a report and notices a change', () => {
    const draft = draftFromReport({
      values: [{ indicatorId: 2, category: 'total', numerator: 12.5, denominator: null, comment: null }],
      narrative: { results: 'x' },
    });
    expect(draft.values['2:total']?.numerator).toBe('12,5');
    const before = draftSignature(draft, ['results']);
    draft.narrative.results = 'y';
    expect(draftSignature(draft, ['results'])).not.toBe(before);
  });
});

describe('issues on fields', () => {
  it('maps issue fields to inputs', () => {
    expect(issueTarget('values.12.male.denominator')).toEqual({
      kind: 'value',
      indicatorId: 12,
      category: 'male',
      part: 'denominator',
    });
    expect(issueTarget('narrative.results')).toEqual({ kind: 'section', key: 'results' });
    expect(issueTarget('values.7')).toEqual({ kind: 'indicator', indicatorId: 7 });
    expect(issueTarget('status')).toEqual({ kind: 'other' });
    expect(inputIdOf('values.1.total.numerator')).toBe('rf-values-1-total-numerator');
    expect(issueInputId('values.3.total.numerator', report)).toBe('rf-values-3-total-numerator');
    expect(issueInputId('status', report)).toBeNull();
  });

  it('finds a numerator above its denominator, stray text and missing parts', () => {
    const issues = checkDraft(
      {
        values: {
          '1:total': { numerator: '60', denominator: '50', comment: '' },
          '2:total': { numerator: 'mười', denominator: '', comment: '' },
        },
        narrative: {},
      },
      report,
      'Không phải là số.',
    );
    const fields = issues.map((i) => `${i.field} ${i.severity}`);
    expect(fields).toContain('values.1.total.numerator error');
    expect(fields).toContain('values.2.total.numerator error');
    expect(fields).toContain('narrative.results error');
    expect(issues.find((i) => i.field === 'values.1.total.numerator')?.message).toContain('lớn hơn mẫu số');
  });

  it('has no errors when everything is right', () => {
    const issues = checkDraft(
      {
        values: {
          '1:total': { numerator: '45', denominator: '50', comment: '' },
          '1:male': { numerator: '20', denominator: '25', comment: '' },
          '1:female': { numerator: '25', denominator: '25', comment: '' },
          '2:total': { numerator: '3', denominator: '', comment: '' },
          '3:total': { numerator: '1', denominator: '', comment: '' },
        },
        narrative: { results: 'Đã tập huấn 45 cán bộ.' },
      },
      report,
      'Không phải là số.',
    );
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
