import {
  AlignmentType,
  BorderStyle,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { formatNumber } from './docx-numbering.ts';
import { readDocx, splitTypedColumns } from './read-docx.ts';

const cell = (...lines: string[]): TableCell =>
  new TableCell({ children: lines.map((l) => new Paragraph(l)) });

async function linesOf(doc: Document): Promise<string[]> {
  return (await readDocx(await Packer.toBuffer(doc))).split('\n');
}

const single = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

describe('readDocx', () => {
  it('reads a borderless header table as the left column, then the right', async () => {
    const header = new Table({
      borders: TableBorders.NONE,
      rows: [
        new TableRow({
          children: [
            cell('ỦY BAN NHÂN DÂN', 'TỈNH LÂM ĐỒNG'),
            cell('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'),
          ],
        }),
        new TableRow({ children: [cell('Số: 12/KH-UBND'), cell('Lâm Đồng, ngày 3 tháng 4 năm 2026')] }),
      ],
    });
    const closing = new Table({
      borders: TableBorders.NONE,
      rows: [
        new TableRow({
          children: [
            cell('Nơi nhận:', '- Như trên;', '- Lưu: VT.'),
            cell('KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A'),
          ],
        }),
      ],
    });
    const lines = await linesOf(
      new Document({ sections: [{ children: [header, new Paragraph('KẾ HOẠCH'), closing] }] }),
    );
    expect(lines).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH LÂM ĐỒNG',
      'Số: 12/KH-UBND',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lâm Đồng, ngày 3 tháng 4 năm 2026',
      '',
      'KẾ HOẠCH',
      '',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      '',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn A',
    ]);
  });

  it('writes a bordered table one row a line, cells split by " | ", a merged cell repeated', async () => {
    const table = new Table({
      borders: {
        top: single,
        bottom: single,
        left: single,
        right: single,
        insideHorizontal: single,
        insideVertical: single,
      },
      rows: [
        new TableRow({
          children: [cell('Nội dung'), cell('Đơn vị chủ trì'), cell('Phối hợp'), cell('Thời gian')],
        }),
        new TableRow({
          children: [
            cell('Tuyên truyền'),
            new TableCell({
              children: [new Paragraph('Ban Tuyên giáo')],
              verticalMerge: VerticalMergeType.RESTART,
            }),
            cell(''),
            cell('Quý II/2026'),
          ],
        }),
        new TableRow({
          children: [
            cell('Tập huấn', 'cán bộ'),
            new TableCell({ children: [new Paragraph('')], verticalMerge: VerticalMergeType.CONTINUE }),
            cell('Ban Tổ chức'),
            cell('Tháng 5/2026'),
          ],
        }),
      ],
    });
    const lines = await linesOf(new Document({ sections: [{ children: [new Paragraph('Bảng'), table] }] }));
    expect(lines).toEqual([
      'Bảng',
      '',
      'Nội dung | Đơn vị chủ trì | Phối hợp | Thời gian',
      'Tuyên truyền | Ban Tuyên giáo |  | Quý II/2026',
      'Tập huấn cán bộ | Ban Tuyên giáo | Ban Tổ chức | Tháng 5/2026',
    ]);
  });

  it('writes Word auto-numbering as the page shows it, counted per list', async () => {
    const numbered = (text: string, level: number, reference = 'outline'): Paragraph =>
      new Paragraph({ text, numbering: { reference, level } });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'outline',
            levels: [
              { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.LEFT },
              { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
              { level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)', alignment: AlignmentType.LEFT },
              { level: 3, format: LevelFormat.DECIMAL, text: '%2.%4.', alignment: AlignmentType.LEFT },
            ],
          },
          {
            reference: 'dash',
            levels: [{ level: 0, format: LevelFormat.BULLET, text: '-', alignment: AlignmentType.LEFT }],
          },
        ],
      },
      sections: [
        {
          children: [
            numbered('MỤC TIÊU', 0),
            numbered('Mục tiêu chung', 1),
            numbered('Mục tiêu cụ thể', 1),
            numbered('Đoàn viên', 2),
            numbered('Công nhân', 2),
            numbered('Chỉ tiêu thứ nhất', 3),
            numbered('Tuyên truyền', 0, 'dash'),
            numbered('NHIỆM VỤ', 0),
            numbered('Nhiệm vụ chung', 1),
          ],
        },
      ],
    });
    expect((await linesOf(doc)).filter(Boolean)).toEqual([
      'I. MỤC TIÊU',
      '1. Mục tiêu chung',
      '2. Mục tiêu cụ thể',
      'a) Đoàn viên',
      'b) Công nhân',
      '2.1. Chỉ tiêu thứ nhất',
      '- Tuyên truyền',
      'II. NHIỆM VỤ',
      '1. Nhiệm vụ chung',
    ]);
  });

  it('shows text in capitals where Word prints it so, and unfolds columns typed with tabs', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'Công đoàn ngành Y tế', allCaps: true })] }),
            new Paragraph({
              children: [
                new TextRun({
                  children: ['LIÊN ĐOÀN LAO ĐỘNG', new Tab(), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
                }),
              ],
            }),
            new Paragraph({
              children: [
                new TextRun({
                  children: ['TỈNH LAI CHÂU', new Tab(), new Tab(), 'Độc lập - Tự do - Hạnh phúc'],
                }),
              ],
            }),
            new Paragraph({ children: [new TextRun({ children: ['1.', new Tab(), 'Tuyên truyền'] })] }),
          ],
        },
      ],
    });
    expect(await linesOf(doc)).toEqual([
      'CÔNG ĐOÀN NGÀNH Y TẾ',
      '',
      'LIÊN ĐOÀN LAO ĐỘNG',
      'TỈNH LAI CHÂU',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '',
      '1. Tuyên truyền',
    ]);
  });
});

describe('readDocx paragraphs', () => {
  it('keeps the lines of a title together and leaves a blank line where the page has an empty paragraph', async () => {
    const doc = new Document({
      sections: [
        {
          children: ['KẾ HOẠCH', 'Tổ chức Tháng Công nhân', 'năm 2026', '', 'I. MỤC ĐÍCH', '', ''].map(
            (text) => new Paragraph(text),
          ),
        },
      ],
    });
    expect(await linesOf(doc)).toEqual([
      'KẾ HOẠCH',
      'Tổ chức Tháng Công nhân',
      'năm 2026',
      '',
      'I. MỤC ĐÍCH',
    ]);
  });
});

describe('splitTypedColumns', () => {
  it('splits at the widest gap and leaves list labels and sentences alone', () => {
    expect(splitTypedColumns('Số:      /UBND-NC                       Lâm Đồng, ngày 3 tháng 4')).toEqual({
      left: 'Số: /UBND-NC',
      right: 'Lâm Đồng, ngày 3 tháng 4',
    });
    expect(splitTypedColumns('a)\tCác sở, ngành chủ động')).toBeNull();
    expect(splitTypedColumns('về một số nhiệm vụ     trọng tâm')).toBeNull();
    expect(splitTypedColumns('\t\t\tĐỗ Tấn Sương')).toEqual({ left: '', right: 'Đỗ Tấn Sương' });
  });

  it('formats Word numbers', () => {
    expect([1, 4, 9, 14, 27].map((n) => formatNumber(n, 'upperRoman'))).toEqual([
      'I',
      'IV',
      'IX',
      'XIV',
      'XXVII',
    ]);
    expect([1, 26, 27].map((n) => formatNumber(n, 'lowerLetter'))).toEqual(['a', 'z', 'aa']);
    expect(formatNumber(3, 'decimalZero')).toBe('03');
  });
});
