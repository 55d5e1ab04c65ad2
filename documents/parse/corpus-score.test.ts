/**
 * The development corpus scored in CI, the tuned part and the measured part apart, against floors
 * that only go up (resources/corpus/floors.json). Scans go through Tesseract, so this test needs
 * tesseract-ocr-vie and poppler-utils (installed by .ci/run); without them the scans score nothing
 * and the floors fail — loudly, as they should.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scorePart } from '../../scripts/score-corpus.ts';

const floors = JSON.parse(
  readFileSync(new URL('../../resources/corpus/floors.json', import.meta.url), 'utf8'),
) as Record<string, number>;

describe('the development corpus', () => {
  for (const part of ['seeds', 'tune', 'measure']) {
    it(`scores at least its floor on the ${part} part`, { timeout: 900_000 }, async () => {
      const { output, score } = await scorePart(part);
      // the whole table goes to the log, so a drop shows which field fell
      console.log(`corpus ${part}:\n${output}`);
      expect(score).toBeGreaterThanOrEqual(floors[part]!);
    });
  }
});
