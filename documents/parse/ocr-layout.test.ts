import { describe, expect, it } from 'vitest';
import { dropRepeatedWords, parseTsv, tsvToText } from './ocr-layout.ts';

const HEADER =
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';

// one TSV row a word; `slope` tilts the page as a phone photo would
function words(
  block: number,
  lineNo: number,
  text: string,
  x: number,
  y: number,
  slope = 0,
  conf = 95,
): string[] {
  let at = x;
  return text.split(' ').map((word, k) => {
    const width = word.length * 25;
    const row = [
      '5',
      '1',
      String(block),
      '1',
      String(lineNo),
      String(k + 1),
      String(at),
      String(Math.round(y + slope * at)),
      String(width),
      '50',
      String(conf),
      word,
    ].join('\t');
    at += width + 15;
    return row;
  });
}

describe('tsvToText', () => {
  it('rebuilds the two header columns of a tilted page, left then right, and drops a stamp', () => {
    const slope = 0.03; // about 1.7°
    const tsv = [
      HEADER,
      ...words(1, 1, 'LIÊN ĐOÀN LAO ĐỘNG', 200, 200, slope),
      ...words(1, 2, 'TỈNH BẮC GIANG', 240, 270, slope),
      ...words(2, 1, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1100, 200, slope),
      ...words(2, 2, 'Độc lập - Tự do - Hạnh phúc', 1200, 270, slope),
      ...words(3, 1, 'Nơi nhận:', 200, 2800, slope),
      ...words(4, 1, 'CHỦ TỊCH', 1400, 2800, slope),
      // a stamp's letters: low confidence, twice the text's height
      '5\t1\t5\t1\t1\t1\t1350\t2900\t160\t110\t22\tLĐLĐ',
      ...words(6, 1, 'Trần Văn Ba', 1380, 3100, slope),
    ].join('\n');
    expect(parseTsv(tsv)).toHaveLength(31);
    expect(tsvToText(tsv).split('\n')).toEqual([
      'LIÊN ĐOÀN LAO ĐỘNG',
      'TỈNH BẮC GIANG',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '',
      'Nơi nhận:',
      '',
      'CHỦ TỊCH',
      'Trần Văn Ba',
    ]);
  });

  it('keeps one of two readings of the same printed line, the surer', () => {
    const tsv = [
      HEADER,
      ...words(1, 1, 'Độc lập - Tự do - Hạnh phúc', 1200, 270, 0, 96),
      ...words(1, 2, 'Đọc lập - Tự do - Hạnhphúc', 1203, 262, 0, 80),
      ...words(1, 3, 'Lâm Đồng, ngày 24 tháng 10', 1200, 340, 0, 95),
    ].join('\n');
    expect(dropRepeatedWords(parseTsv(tsv)).map((w) => w.text)).toEqual([
      'Độc',
      'lập',
      '-',
      'Tự',
      'do',
      '-',
      'Hạnh',
      'phúc',
      'Lâm',
      'Đồng,',
      'ngày',
      '24',
      'tháng',
      '10',
    ]);
    expect(tsvToText(tsv).split('\n')).toEqual(['Độc lập - Tự do - Hạnh phúc', 'Lâm Đồng, ngày 24 tháng 10']);
  });
});
