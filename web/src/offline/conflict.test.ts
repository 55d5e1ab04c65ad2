import { describe, expect, it } from 'vitest';
import type { DraftState } from '../features/reports/report-draft.ts';
import { conflictParts, resolveConflict } from './conflict.ts';

const form = {
  indicators: [
    { id: 1, disaggregation: 'none' },
    { id: 2, disaggregation: 'none' },
  ],
  sections: [
    { key: 'results', title: 'Kết quả thực hiện', required: true },
    { key: 'proposals', title: 'Kiến nghị', required: false },
  ],
} as unknown as Parameters<typeof conflictParts>[0];

const cell = (numerator: string) => ({ numerator, denominator: '', comment: '' });
const draft = (a: string, b: string, results: string): DraftState => ({
  values: { '1:total': cell(a), '2:total': cell(b) },
  narrative: { results },
});

describe('a report changed on the server while typed offline', () => {
  const base = draft('3', '', '');
  const mine = draft('3', '7', 'Bản của cơ sở');
  const theirs = draft('5', '', 'Bản của đồng nghiệp');

  it('lists only the parts that differ, proposing the side that changed', () => {
    const parts = conflictParts(form, base, mine, theirs);
    expect(parts.map((p) => [p.key, p.proposed])).toEqual([
      ['1:total', 'theirs'],
      ['2:total', 'mine'],
      ['narrative:results', null],
    ]);
  });

  it('treats "1.250" and "1250" as the same figure, and an unchanged section as no conflict', () => {
    const parts = conflictParts(form, base, draft('1.250', '', 'x'), draft('1250', '', 'x '));
    expect(parts).toEqual([]);
  });

  it('keeps both sides: the server’s change, the officer’s, and the chosen one where both changed', () => {
    const parts = conflictParts(form, base, mine, theirs);
    expect(() => resolveConflict(mine, theirs, parts, {})).toThrow(/narrative:results/);
    const merged = resolveConflict(mine, theirs, parts, { 'narrative:results': 'mine' });
    expect(merged.values['1:total']?.numerator).toBe('5');
    expect(merged.values['2:total']?.numerator).toBe('7');
    expect(merged.narrative.results).toBe('Bản của cơ sở');
    const theirsChosen = resolveConflict(mine, theirs, parts, {
      'narrative:results': 'theirs',
      '2:total': 'theirs',
    });
    expect(theirsChosen).toEqual(theirs);
  });
});
