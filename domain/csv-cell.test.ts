import { describe, expect, it } from 'vitest';
import { neutraliseCsvCell, restoreCsvCell } from './csv-cell.ts';

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    for (const attack of ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseCsvCell(attack)).toBe(`'${attack}`);
      expect(restoreCsvCell(neutraliseCsvCell(attack))).toBe(attack);
    }
  });

  it('leaves ordinary text alone, apostrophes included', () => {
    for (const text of ['Công đoàn phường Kỳ Bá', 'LDLD-12', "'trích dẫn'", '', '1.5', 'a=b']) {
      expect(neutraliseCsvCell(text)).toBe(text);
      expect(restoreCsvCell(text)).toBe(text);
    }
  });
});
