import { describe, expect, it } from 'vitest';
import { gatherNarratives, MAX_SOURCES, type NarrativeSource } from './consolidated-report-content.ts';

const sections = [
  { key: 'results', title: 'Kết quả thực hiện', required: true },
  { key: 'proposals', title: 'Kiến nghị, đề xuất', required: false },
];
const source = (
  unitId: number,
  name: string,
  depth: number,
  narrative: Record<string, string>,
): NarrativeSource => ({
  unit_id: unitId,
  name,
  depth,
  narrative,
});

describe('gatherNarratives', () => {
  it('takes the nearest level only, names each source, writes one text of several units once', () => {
    const gathered = gatherNarratives(sections, [
      source(2, 'Công đoàn B', 1, { results: ' Đạt kế hoạch. ', proposals: '' }),
      source(1, 'Công đoàn A', 1, { results: 'Đạt kế hoạch.' }),
      source(9, 'Công đoàn cơ sở X', 2, { results: 'Sâu hơn, không lấy.' }),
    ]);
    expect(gathered.narrativeUnits).toEqual({ gathered: 2, more: false });
    expect(gathered.sections[0]).toEqual({
      key: 'results',
      title: 'Kết quả thực hiện',
      text: '- Công đoàn A, Công đoàn B: Đạt kế hoạch.',
      sources: [
        { unitId: 1, unitName: 'Công đoàn A', text: 'Đạt kế hoạch.' },
        { unitId: 2, unitName: 'Công đoàn B', text: 'Đạt kế hoạch.' },
      ],
    });
    expect(gathered.sections[1]).toMatchObject({ key: 'proposals', text: '', sources: [] });
  });

  it('says more wrote only when the one read past the limit is of the same level', () => {
    const many = Array.from({ length: MAX_SOURCES }, (_, k) =>
      source(k + 1, `Đơn vị ${k + 1}`, 1, { results: 'x' }),
    );
    expect(gatherNarratives(sections, [...many, source(999, 'Thêm', 1, {})]).narrativeUnits).toEqual({
      gathered: MAX_SOURCES,
      more: true,
    });
    expect(gatherNarratives(sections, [...many, source(999, 'Sâu hơn', 2, {})]).narrativeUnits).toEqual({
      gathered: MAX_SOURCES,
      more: false,
    });
    expect(gatherNarratives(sections, []).narrativeUnits).toEqual({ gathered: 0, more: false });
  });
});
