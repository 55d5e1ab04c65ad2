import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from './parse-plan-document.ts';
import { readInput, sniffInput, UnreadableInputError } from './read-input.ts';
import { itemsToLines } from './read-pdf.ts';

const has = (program: string): boolean => spawnSync('which', [program]).status === 0;
const hasTesseract =
  has('tesseract') &&
  /\bvie\b/.test(spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '');
const hasChromium = has('chromium');
const hasPdftoppm = has('pdftoppm');
const hasSoffice = has('soffice');
const dir = mkdtempSync(join(tmpdir(), 'tiendo-read-'));

describe('sniffInput', () => {
  it('knows formats by their bytes', () => {
    expect(sniffInput(Buffer.from('%PDF-1.4\n'))).toBe('pdf');
    expect(sniffInput(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image');
    expect(sniffInput(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image');
    expect(sniffInput(Buffer.from('KẾ HOẠCH\nThực hiện', 'utf8'))).toBe('text');
    expect(sniffInput(Buffer.from([0, 1, 2, 3, 4, 5, 0, 0, 9, 200, 7, 0]))).toBe('binary');
    expect(sniffInput(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('doc');
  });

  it('reads an 8-bit VNI text file and converts it', async () => {
    const path = join(dir, 'vni.txt');
    const vni =
      'LIEÂN ÑOAØN LAO ÑOÄNG TÆNH BÌNH ÑÒNH\nCOÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nSoá: 41/KH-LÑLÑ\nQuy Nhôn, ngaøy 06 thaùng 5 naêm 2024\nKEÁ HOAÏCH\nToå chöùc Thaùng Coâng nhaân naêm 2024\n';
    writeFileSync(path, Buffer.from(vni, 'latin1'));
    expect(sniffInput(readFileSync(path))).toBe('text');
    const [doc] = (await parsePlanFile(path)).documents;
    expect(doc).toMatchObject({
      kind: 'KH',
      symbol: '41/KH-LĐLĐ',
      issuer: 'Liên đoàn Lao động tỉnh Bình Định',
      place: 'Quy Nhơn',
      date: '2024-05-06',
      title: 'Tổ chức Tháng Công nhân năm 2024',
    });
  });

  it('refuses binary junk with a clear reason', async () => {
    const path = join(dir, 'junk.txt');
    writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)));
    await expect(readInput(path)).rejects.toThrow(UnreadableInputError);
    await expect(readInput(path)).rejects.toThrow(/not a text document/);
  });
});

describe('readers', () => {
  it('rebuilds PDF lines by y then x, columns far apart as blocks', () => {
    const text = itemsToLines([
      { str: 'Độc lập', x: 300, y: 780, width: 50, height: 12 },
      { str: 'VĂN PHÒNG', x: 60, y: 780, width: 80, height: 12 },
      { str: 'KẾ HOẠCH', x: 250, y: 700, width: 60, height: 14 },
    ]);
    expect(text.split('\n')).toEqual(['VĂN PHÒNG', '', 'Độc lập', '', 'KẾ HOẠCH']);
  });

  it('reads a DOCX made from a seed', async () => {
    const seed = readFileSync(
      join(import.meta.dirname, '../../resources/seeds/004_59893a27bd211b8d.txt'),
      'utf8',
    );
    const doc = new Document({
      sections: [{ children: seed.split('\n').map((line) => new Paragraph(line)) }],
    });
    const path = join(dir, 'seed.bin');
    writeFileSync(path, await Packer.toBuffer(doc));
    const out = await parsePlanFile(path);
    expect(out.source).toBe('seed.bin');
    expect(out.documents[0]).toMatchObject({ kind: 'KH', place: 'Trà Vinh', date: '2021-10-18' });
    expect(out.documents[0]!.targets.length).toBeGreaterThanOrEqual(5);
  });

  it.skipIf(!hasSoffice)(
    'reads a Word 97-2003 file through LibreOffice (skipped when libreoffice-writer-nogui is missing)',
    async () => {
      const doc = join(import.meta.dirname, '../../resources/corpus/tune/docs/c04_ttr-cdcs-outdoor-park.doc');
      expect(sniffInput(readFileSync(doc))).toBe('doc');
      const lines = (await readInput(doc)).split('\n');
      // the header table: the issuer's column, then the motto's
      expect(lines.slice(0, 3)).toEqual([
        'LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH',
        'CĐCS CÔNG TY TNHH OUTDOOR PARK',
        'Số:    /TTr-CĐCS',
      ]);
      expect(lines[4]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(lines.slice(-3)).toEqual(['T/M. BAN CHẤP HÀNH', 'PHÓ  CHỦ TỊCH', 'Hồ Thị Kim Thoa']);
    },
    60_000,
  );

  it.skipIf(!hasChromium)('reads a text PDF printed by chromium', async () => {
    const html = join(dir, 'plan.html');
    writeFileSync(
      html,
      '<meta charset="utf-8"><body style="font:16px serif"><p>Số: 72/KH-LĐLĐ &nbsp; Lai Châu, ngày 10 tháng 5 năm 2024</p><p>KẾ HOẠCH</p><p>Tuyên truyền pháp luật năm 2024</p><p>I. MỤC TIÊU</p><p>1. Phấn đấu đến năm 2025 đạt trên 90% đoàn viên được tuyên truyền.</p></body>',
    );
    const pdf = join(dir, 'plan.pdf');
    execFileSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        `--user-data-dir=${join(dir, 'chrome')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        html,
      ],
      { stdio: 'ignore', timeout: 60_000 },
    );
    const [doc] = (await parsePlanFile(pdf)).documents;
    expect(doc).toMatchObject({ kind: 'KH', symbol: '72/KH-LĐLĐ', date: '2024-05-10', place: 'Lai Châu' });
    expect(doc!.targets[0]!.milestones[0]).toEqual({ year: 2025, op: '>', value: 90, unit: '%' });
  });

  // renders Vietnamese text to a PDF, rasterises it to a PNG, and reads the PNG back with tesseract
  it.skipIf(!hasTesseract || !hasChromium || !hasPdftoppm)(
    'OCRs a rendered image of Vietnamese text (skipped when tesseract-ocr-vie, chromium or poppler-utils is missing)',
    async () => {
      const html = join(dir, 'scan.html');
      writeFileSync(
        html,
        '<meta charset="utf-8"><body style="font:28px serif"><p>KẾ HOẠCH</p><p>Thực hiện công tác chăm sóc trẻ em</p><p>I. NHIỆM VỤ</p><p>Báo cáo trước ngày 10/11 hằng năm.</p></body>',
      );
      const pdf = join(dir, 'scan.pdf');
      execFileSync(
        'chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          `--user-data-dir=${join(dir, 'chrome2')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${pdf}`,
          html,
        ],
        { stdio: 'ignore', timeout: 60_000 },
      );
      execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', '-singlefile', pdf, join(dir, 'scan')]);
      const progress: number[] = [];
      const out = await parsePlanFile(join(dir, 'scan.png'), { onProgress: (done) => progress.push(done) });
      expect(out.documents[0]!.kind).toBe('KH');
      expect(out.documents[0]!.reporting).toEqual([{ frequency: 'annual', due: '11-10', to: null }]);
      expect(progress).toEqual([0, 1]);
    },
  );
});
