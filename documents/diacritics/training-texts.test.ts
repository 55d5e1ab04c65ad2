import { describe, expect, it } from 'vitest';
import { markedShare } from './restore-diacritics.ts';
import { EXCLUDED, trainingTexts } from './training-texts.ts';

describe('trainingTexts', () => {
  const texts = trainingTexts();

  it('reads the seeds, the tuned corpus and the project’s own texts, never the measured corpus', () => {
    expect(texts.some((t) => t.file.startsWith('resources/seeds/'))).toBe(true);
    expect(texts.some((t) => t.file.startsWith('resources/corpus/tune/'))).toBe(true);
    expect(texts.some((t) => t.file === 'web/src/i18n/vi.json')).toBe(true);
    expect(texts.filter((t) => t.file.includes('/measure/'))).toEqual([]);
    expect(texts.filter((t) => EXCLUDED.has(t.file))).toEqual([]);
  });

  it('keeps only lines written with diacritics', () => {
    for (const t of texts) {
      for (const line of t.text.split('\n')) {
        const share = markedShare(line);
        if (!Number.isNaN(share)) expect(share).toBeGreaterThanOrEqual(0.3);
      }
    }
  });
});
