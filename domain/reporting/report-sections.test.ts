import { describe, expect, it } from 'vitest';
import { ZFormSection } from '../../contracts/reporting.ts';
import { DEFAULT_SECTIONS } from './report-sections.ts';

describe('DEFAULT_SECTIONS', () => {
  it('are sections a form accepts, each key once, only the results required', () => {
    for (const section of DEFAULT_SECTIONS) expect(ZFormSection.parse(section)).toEqual(section);
    expect(new Set(DEFAULT_SECTIONS.map((s) => s.key)).size).toBe(DEFAULT_SECTIONS.length);
    expect(DEFAULT_SECTIONS.filter((s) => s.required).map((s) => s.key)).toEqual(['results']);
  });
});
