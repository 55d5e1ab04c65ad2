import { describe, expect, it } from 'vitest';
import { type Item, isGarbledText, itemsToLines } from './pdf-layout.ts';

// a line of text at (x, y) in 12-point type, its words' widths from their lengths
function line(text: string, x: number, y: number, size = 12): Item[] {
  const items: Item[] = [];
  let at = x;
  for (const word of text.split(' ')) {
    const width = word.length * size * 0.5;
    items.push({ str: word, x: at, y, width, height: size });
    at += width + size * 0.3;
  }
  return items;
}

describe('itemsToLines', () => {
  it('reads the header columns as blocks, left then right, and stops at the title centred below', () => {
    const items = [
      ...line('ỦY BAN NHÂN DÂN', 70, 800),
      ...line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 260, 800),
      ...line('TỈNH LAI CHÂU', 78, 786),
      ...line('Độc lập - Tự do - Hạnh phúc', 300, 786),
      ...line('Số: 72/KH-UBND', 74, 760),
      ...line('Lai Châu, ngày 10 tháng 5 năm 2024', 280, 760),
      ...line('KẾ HOẠCH', 270, 720),
      ...line('Tuyên truyền pháp luật năm 2024', 220, 706),
    ];
    expect(itemsToLines(items).split('\n')).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH LAI CHÂU',
      'Số: 72/KH-UBND',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lai Châu, ngày 10 tháng 5 năm 2024',
      '',
      'KẾ HOẠCH',
      'Tuyên truyền pháp luật năm 2024',
    ]);
  });

  it('reads the closing as the recipients, then the signer, whose name comes after the signature', () => {
    const items = [
      ...line('Nơi nhận:', 70, 300),
      ...line('KT. CHỦ TỊCH', 360, 300),
      ...line('- Như trên;', 70, 286),
      ...line('PHÓ CHỦ TỊCH', 358, 286),
      ...line('- Lưu: VT.', 70, 272),
      ...line('Nguyễn Văn An', 356, 200),
    ];
    expect(itemsToLines(items).split('\n')).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      '',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn An',
    ]);
  });

  it('keeps a table row of three columns on one line', () => {
    const items = [
      ...line('Tuyên truyền', 70, 500),
      ...line('Ban Tuyên giáo', 220, 500),
      ...line('Quý II', 400, 500),
      ...line('Tập huấn', 70, 486),
      ...line('Ban Tổ chức', 220, 486),
      ...line('Quý III', 400, 486),
    ];
    expect(itemsToLines(items).split('\n')).toEqual([
      'Tuyên truyền    Ban Tuyên giáo    Quý II',
      'Tập huấn    Ban Tổ chức    Quý III',
    ]);
  });
  it('reads a two-column table of many rows row by row', () => {
    const items = [
      'Đoàn viên mới',
      'Công đoàn cơ sở mới',
      'Doanh nghiệp có thỏa ước',
      'Cán bộ được tập huấn',
      'Mái ấm công đoàn',
      'Sáng kiến được công nhận',
    ].flatMap((name, k) => [...line(name, 70, 600 - 14 * k), ...line(`${(k + 1) * 100}`, 400, 600 - 14 * k)]);
    expect(itemsToLines(items).split('\n')[0]).toBe('Đoàn viên mới    100');
  });

  it('reads a numbered list set in two columns column by column', () => {
    const items = Array.from({ length: 6 }, (_, k) => [
      ...line(`${k + 1}. UBND tỉnh số ${k + 1}`, 70, 600 - 14 * k),
      ...line(`${k + 7}. Bộ số ${k + 7}`, 400, 600 - 14 * k),
    ]).flat();
    expect(itemsToLines(items).split('\n').slice(5, 8)).toEqual(['6. UBND tỉnh số 6', '', '7. Bộ số 7']);
  });
});

describe('isGarbledText', () => {
  it('tells a text layer without a Unicode map from Vietnamese, in Unicode or a legacy encoding', () => {
    const garbage =
      'BØCÔNG AN CØNG HOÀXÃHØI CHæNGH(AVIÆT NAM\nHiÇn nay, trên dËa bàn tÉinh Lâm ông có 4.289 ng°Ýi sí dång tr£i phép ch¥t ma túy và1.028 nguÝi nghiÇn ma túy ngoài xã hÙi.';
    expect(isGarbledText(garbage)).toBe(true);
    expect(
      isGarbledText(
        'Hiện nay, trên địa bàn tỉnh Lâm Đồng có 4.289 người sử dụng trái phép chất ma túy và 1.028 người nghiện ma túy ngoài xã hội; UBND, HĐND, QĐ-TTg.',
      ),
    ).toBe(false);
    expect(
      isGarbledText(
        'Céng hßa x· héi chñ nghÜa ViÖt Nam - §éc lËp - Tù do - H¹nh phóc; Liªn ®oµn Lao ®éng tØnh',
      ),
    ).toBe(false);
  });
});
