import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInput } from './read-input.ts';

const has = (program: string): boolean => spawnSync('which', [program]).status === 0;
const hasAll =
  ['chromium', 'pdftoppm', 'convert-im6.q16', 'tesseract'].every(has) &&
  /\bvie\b/.test(spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '');

describe('OCR of a phone photo', () => {
  // a page with a header table is printed, rasterised, then tilted, lit unevenly (dark on the left),
  // grained (a fixed seed: the same grain every run) and saved as a JPEG, as a phone would take it;
  // without the clean-up the left half is lost
  it.skipIf(!hasAll)(
    'reads a tilted, unevenly lit photo, its header columns as blocks (skipped without chromium, poppler-utils, imagemagick or tesseract-ocr-vie)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tiendo-photo-test-'));
      writeFileSync(
        join(dir, 'page.html'),
        `<meta charset="utf-8"><body style="font:17px serif;margin:40px">
<table style="width:100%"><tr><td style="text-align:center;width:40%"><b>LIÊN ĐOÀN LAO ĐỘNG<br>TỈNH BẮC GIANG</b><br>Số: 41/KH-LĐLĐ</td>
<td style="text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b><br><i>Bắc Giang, ngày 6 tháng 5 năm 2024</i></td></tr></table>
<p style="text-align:center"><b>KẾ HOẠCH</b></p>
<p>1. Phấn đấu đến năm 2025 đạt trên 90% đoàn viên được tuyên truyền pháp luật lao động.</p></body>`,
      );
      execFileSync(
        'chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          `--user-data-dir=${join(dir, 'chrome')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${join(dir, 'page.pdf')}`,
          join(dir, 'page.html'),
        ],
        { stdio: 'ignore', timeout: 60_000 },
      );
      execFileSync('pdftoppm', [
        '-r',
        '150',
        '-gray',
        '-png',
        '-singlefile',
        join(dir, 'page.pdf'),
        join(dir, 'page'),
      ]);
      // biome-ignore format: the ImageMagick command reads best on one line
      execFileSync('convert-im6.q16', [join(dir, 'page.png'), '-background', 'white', '-rotate', '2.5', '(', '+clone', '-sparse-color', 'Barycentric', '0,0 gray35 %[fx:w-1],0 white', ')', '-compose', 'multiply', '-composite', '-seed', '7', '-attenuate', '0.5', '+noise', 'Gaussian', '-quality', '70', join(dir, 'photo.jpg')]);
      const lines = (await readInput(join(dir, 'photo.jpg'))).split('\n');
      // the layout is under test, not tesseract's every letter: each line by its first words
      const starts = [
        'LIÊN ĐOÀN LAO',
        'TỈNH BẮC GIANG',
        'Số: 41/KH',
        '',
        'CỘNG HÒA XÃ HỘI',
        'Độc lập - Tự do',
        'Bắc Giang, ngày 6',
      ];
      expect(
        lines.slice(0, 7).map((line, k) => line.startsWith(starts[k]!) && (starts[k] !== '' || line === '')),
      ).toEqual(starts.map(() => true));
      expect(lines.slice(0, 7).join(' | ')).toMatch(
        /^LIÊN ĐOÀN LAO ĐỘNG \| TỈNH BẮC GIANG \| Số: 41\/KH-LĐLĐ \| {2}\| CỘNG HÒA/,
      );
      expect(lines).toContain('KẾ HOẠCH');
    },
    120_000,
  );
});
