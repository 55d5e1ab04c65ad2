import { describe, expect, it } from 'vitest';
import { readTargetTables } from './read-target-table.ts';

const read = (text: string) => {
  const lines = text.split('\n');
  return readTargetTables(lines, 0, lines.length);
};

describe('readTargetTables', () => {
  it('reads a PDF target table whose columns are years, row by row', () => {
    const { targets, used } = read(`2. Chỉ tiêu
TT Chỉ tiêu Năm 2026 Năm 2030
1 Tỷ lệ hộ gia đình được tuyên truyền về phòng, chống bạo lực gia đình 80% 95%
2 Tỷ lệ xã, phường có câu lạc bộ gia đình phát triển bền vững ≥ 50% ≥ 70%
3 Tỷ lệ trẻ em suy dinh dưỡng thấp còi dưới 15% dưới 12%
II. NHIỆM VỤ, GIẢI PHÁP`);
    expect(targets).toEqual([
      {
        text: 'Tỷ lệ hộ gia đình được tuyên truyền về phòng, chống bạo lực gia đình',
        milestones: [
          { year: 2026, op: '=', value: 80, unit: '%' },
          { year: 2030, op: '=', value: 95, unit: '%' },
        ],
      },
      {
        text: 'Tỷ lệ xã, phường có câu lạc bộ gia đình phát triển bền vững',
        milestones: [
          { year: 2026, op: '>=', value: 50, unit: '%' },
          { year: 2030, op: '>=', value: 70, unit: '%' },
        ],
      },
      {
        text: 'Tỷ lệ trẻ em suy dinh dưỡng thấp còi',
        milestones: [
          { year: 2026, op: '<', value: 15, unit: '%' },
          { year: 2030, op: '<', value: 12, unit: '%' },
        ],
      },
    ]);
    expect([...used].sort()).toEqual([1, 2, 3, 4]);
  });

  it('reads DOCX cells one a line with a unit column and a thousands separator', () => {
    const { targets } = read(
      [
        'STT',
        'Nội dung chỉ tiêu',
        'ĐVT',
        '2025',
        '2027',
        '1',
        'Số đoàn viên công đoàn kết nạp mới',
        'người',
        '1.200',
        '2.500',
        '2',
        'Số công đoàn cơ sở được thành lập mới',
        'CĐCS',
        '15',
        '40',
        'II. NHIỆM VỤ',
      ].join('\n\n'),
    );
    expect(targets.map((t) => [t.text, t.milestones.map((m) => [m.year, m.value, m.unit])])).toEqual([
      [
        'Số đoàn viên công đoàn kết nạp mới',
        [
          [2025, 1200, 'người'],
          [2027, 2500, 'người'],
        ],
      ],
      [
        'Số công đoàn cơ sở được thành lập mới',
        [
          [2025, 15, 'CĐCS'],
          [2027, 40, 'CĐCS'],
        ],
      ],
    ]);
  });

  it('leaves other tables and prose alone', () => {
    expect(read('Chỉ tiêu\nKế hoạch\nThực hiện\n1\nSố hội nghị\n12\n10').targets).toEqual([]);
    expect(read('Năm 2025 và năm 2030 là hai mốc quan trọng của chỉ tiêu này.').targets).toEqual([]);
  });
});
