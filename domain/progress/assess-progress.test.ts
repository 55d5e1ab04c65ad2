import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TMilestone } from '../../contracts/plan-extract.ts';
import { assessTarget, describeMilestone, nextMilestoneOf, type SeriesPoint } from './assess-progress.ts';
import { formatNumberVi } from './format-number.ts';

// Seed 000: "đến năm 2025 trên 90%, đến năm 2030 trên 95% cán bộ chủ chốt công đoàn các cấp được tập huấn".
const keyCadresTrained: TMilestone[] = [
  { year: 2025, op: '>', value: 90, unit: '%' },
  { year: 2030, op: '>', value: 95, unit: '%' },
];
// Seed 004: "95% trở lên năm 2030" (with 2025 passed).
const reaching95: TMilestone[] = [{ year: 2030, op: '>=', value: 95, unit: '%' }];
// Seed 004: "hằng năm, mỗi công đoàn cơ sở tổ chức ít nhất một hoạt động tuyên truyền".
const yearlyActivity: TMilestone[] = [
  { year: null, recurrence: 'annual', op: '>=', value: 1, unit: 'hoạt động' },
];
// "giảm tỷ lệ lao động trẻ em xuống dưới 5% vào năm 2025".
const childLabourBelow5: TMilestone[] = [{ year: 2025, op: '<', value: 5, unit: '%' }];

const points = (...pairs: [string, number][]): SeriesPoint[] =>
  pairs.map(([periodEnd, value]) => ({ periodEnd, value }));

describe('assessTarget', () => {
  it('projects the trend to the milestone year and explains it in Vietnamese', () => {
    const result = assessTarget(
      keyCadresTrained,
      points(['2023-06-14', 85.0], ['2023-12-14', 86.2], ['2024-12-14', 88.1], ['2025-06-14', 89.4]),
      '2025-07-01',
    );
    expect(result).toMatchObject({
      status: 'on_track',
      nextMilestone: keyCadresTrained[0],
      dueYear: 2025,
      current: 89.4,
      tolerance: 2,
    });
    expect(result.gap).toBeCloseTo(0.6, 9);
    expect(result.projection!.year).toBe(2025);
    expect(result.projection!.value).toBeCloseTo(90.48, 2);
    expect(result.basis).toBe(
      'Xu hướng tuyến tính từ 4 kỳ (2023–2025): tăng 2,1 điểm %/năm; dự báo năm 2025 đạt 90,5%.',
    );
    expect(result.verdict).toBe('Theo xu hướng này sẽ đạt chỉ tiêu trên 90% năm 2025.');
  });

  it('is met once the value passes the comparator, and then looks at 2030', () => {
    const series = points(['2024-12-14', 88], ['2025-12-14', 91.5]);
    expect(assessTarget(keyCadresTrained, series, '2025-12-20').status).toBe('met');
    const in2026 = assessTarget(keyCadresTrained, series, '2026-02-01');
    expect(in2026.nextMilestone).toEqual(keyCadresTrained[1]);
    expect(in2026.status).toBe('on_track'); // +3,5/năm reaches the 100% cap by 2030
    expect(in2026.projection).toEqual({ year: 2030, value: 100 });
  });

  it('"trên 90%" is strict: exactly 90% is not met', () => {
    const result = assessTarget(keyCadresTrained, points(['2025-12-14', 90]), '2025-12-20');
    expect(result.status).toBe('at_risk');
    expect(result.basis).toBe('Chưa đủ số liệu để tính xu hướng (1 kỳ, 2025); giá trị hiện tại 90%.');
    expect(result.verdict).toBe(
      'Nếu giữ nguyên mức hiện tại có nguy cơ không đạt chỉ tiêu trên 90% năm 2025.',
    );
  });

  it('"95% trở lên năm 2030": a small miss is at risk, a large one off track', () => {
    const close = assessTarget(
      reaching95,
      points(['2023-12-14', 80], ['2024-12-14', 82], ['2025-12-14', 84]),
      '2026-01-10',
    );
    expect(close.status).toBe('at_risk');
    expect(close.projection!.value).toBeCloseTo(94.08, 2);
    expect(close.verdict).toContain('(còn cách 0,9 điểm %)');
    const far = assessTarget(
      reaching95,
      points(['2023-12-14', 80], ['2024-12-14', 81], ['2025-12-14', 82]),
      '2026-01-10',
    );
    expect(far.status).toBe('off_track');
    expect(far.basis).toBe(
      'Xu hướng tuyến tính từ 3 kỳ (2023–2025): tăng 1 điểm %/năm; dự báo năm 2030 đạt 87%.',
    );
  });

  it('"hằng năm ít nhất một hoạt động" counts only this year’s value', () => {
    const lastYear = points(['2023-12-14', 2], ['2024-12-14', 1]);
    const march = assessTarget(yearlyActivity, lastYear, '2025-03-01');
    expect(march).toMatchObject({ dueYear: 2025, current: 1, gap: null, status: 'off_track' });
    expect(march.basis).toBe(
      'Xu hướng tuyến tính từ 2 kỳ (2023–2024): giảm 1 hoạt động/năm; dự báo năm 2025 đạt 0 hoạt động.',
    );
    const steady = assessTarget(yearlyActivity, points(['2023-12-14', 1], ['2024-12-14', 1]), '2025-03-01');
    expect(steady.status).toBe('on_track');
    expect(steady.basis).toContain('không đổi');
    const june = assessTarget(
      yearlyActivity,
      [...lastYear, { periodEnd: '2025-06-14', value: 1 }],
      '2025-07-01',
    );
    expect(june).toMatchObject({
      status: 'met',
      gap: 0,
      verdict: 'Đã đạt chỉ tiêu ít nhất 1 hoạt động năm 2025.',
    });
  });

  it('"dưới 5%" inverts the direction', () => {
    const falling = points(['2022-12-14', 8], ['2023-12-14', 7], ['2024-12-14', 6.5]);
    const result = assessTarget(childLabourBelow5, falling, '2025-01-10');
    expect(result.status).toBe('at_risk');
    expect(result.gap).toBeCloseTo(1.5, 9);
    expect(result.basis).toMatch(/giảm 0,7 điểm %\/năm; dự báo năm 2025 đạt 5,6%\.$/);
    expect(
      assessTarget(childLabourBelow5, points(['2022-12-14', 8], ['2024-12-14', 4.2]), '2025-01-10').status,
    ).toBe('met');
    expect(
      assessTarget(childLabourBelow5, points(['2023-12-14', 6], ['2024-12-14', 5.2]), '2025-01-10').status,
    ).toBe('on_track');
    expect(
      assessTarget(childLabourBelow5, points(['2023-12-14', 9], ['2024-12-14', 10]), '2025-01-10').status,
    ).toBe('off_track');
  });

  it('ignores values after asOf, says when there is nothing, and closes a passed milestone', () => {
    const none = assessTarget(keyCadresTrained, points(['2026-06-14', 99]), '2025-07-01');
    expect(none).toMatchObject({ status: 'no_data', current: null, projection: null, gap: null });
    expect(none.basis).toBe('Chưa có số liệu đến ngày 01/07/2025.');
    const passed = assessTarget(
      keyCadresTrained,
      points(['2029-12-14', 93], ['2030-12-14', 94]),
      '2031-03-01',
    );
    expect(passed).toMatchObject({ status: 'off_track', dueYear: 2030, nextMilestone: keyCadresTrained[1] });
    expect(passed.verdict).toBe('Đã hết năm 2030 mà chưa đạt chỉ tiêu trên 95%.');
  });

  it("judges a closed year's report against that year's milestone: not met is missed, not projected", () => {
    const year2025 = points(['2024-12-31', 84], ['2025-12-31', 88]);
    // the dashboard on the last day of the year still projects
    expect(assessTarget(keyCadresTrained, year2025, '2025-12-31').verdict).not.toMatch(/^Đã hết năm/);
    const report = assessTarget(keyCadresTrained, year2025, '2025-12-31', { closesPeriod: true });
    expect(report).toMatchObject({ status: 'off_track', dueYear: 2025, nextMilestone: keyCadresTrained[0] });
    expect(report.verdict).toBe('Đã hết năm 2025 mà chưa đạt chỉ tiêu trên 90%.');
    // a half-year report leaves the year open; a met milestone stays met
    expect(
      assessTarget(keyCadresTrained, points(['2025-06-30', 88]), '2025-06-30', { closesPeriod: true })
        .verdict,
    ).not.toMatch(/^Đã hết năm/);
    expect(
      assessTarget(keyCadresTrained, points(['2025-12-31', 93]), '2025-12-31', { closesPeriod: true }).status,
    ).toBe('met');
  });

  it('counts the approved value of the running period as provisional once the period has begun', () => {
    const running = assessTarget(
      keyCadresTrained,
      [{ periodStart: '2025-12-15', periodEnd: '2026-12-14', value: 90 }],
      '2026-11-22',
    );
    expect(running).toMatchObject({ current: 90, currentPeriodEnd: '2026-12-14', currentProvisional: true });
    expect(running.status).not.toBe('no_data');
    expect(running.basis).toContain('tạm tính');
    const ended = assessTarget(
      keyCadresTrained,
      [{ periodStart: '2024-12-15', periodEnd: '2025-12-14', value: 90 }],
      '2026-11-22',
    );
    expect(ended.currentProvisional).toBe(false);
    expect(ended.basis).not.toContain('tạm tính');
    const notBegun = assessTarget(
      keyCadresTrained,
      [{ periodStart: '2026-12-15', periodEnd: '2027-12-14', value: 90 }],
      '2026-11-22',
    );
    expect(notBegun).toMatchObject({ status: 'no_data', current: null, currentProvisional: false });
  });

  it('does not compare a count with a percentage milestone, and says so', () => {
    const mixed = assessTarget(keyCadresTrained, points(['2025-12-14', 5]), '2026-01-10', {
      valueIsPercent: false,
    });
    expect(mixed).toMatchObject({ status: 'no_data', current: 5, gap: null, projection: null });
    expect(mixed.verdict).toContain('chưa so sánh được');
    // The count is written as a count, not with the milestone's %.
    expect(mixed.basis).toContain('giá trị hiện tại 5.');
    expect(mixed.basis).not.toContain('5%');
    const same = assessTarget(keyCadresTrained, points(['2025-12-14', 96]), '2026-01-10', {
      valueIsPercent: true,
    });
    expect(same.status).not.toBe('no_data');
  });

  it('takes "= 100%" as reaching 100%', () => {
    const full: TMilestone[] = [{ year: 2025, op: '=', value: 100, unit: '%' }];
    expect(assessTarget(full, points(['2024-12-14', 97], ['2025-06-14', 100]), '2025-07-01').status).toBe(
      'met',
    );
    expect(describeMilestone(full[0]!)).toBe('100%');
  });

  it('honours a tolerance given by the caller', () => {
    const series = points(['2023-12-14', 80], ['2024-12-14', 82], ['2025-12-14', 84]);
    expect(assessTarget(reaching95, series, '2026-01-10', { tolerance: 0.5 }).status).toBe('off_track');
  });

  it('never calls "met" a value that misses, nor "off_track" one that meets', () => {
    const opArb = fc.constantFrom('>' as const, '>=' as const, '=' as const, '<' as const, '<=' as const);
    fc.assert(
      fc.property(
        opArb,
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 }),
        (op, target, values) => {
          const series = values.map((v, i) => ({ periodEnd: `${2020 + i}-12-14`, value: v / 10 }));
          const milestone: TMilestone = { year: 2030, op, value: target, unit: '%' };
          const result = assessTarget([milestone], series, '2026-01-01');
          const last = series.at(-1)!.value;
          const ok =
            op === '>'
              ? last > target
              : op === '<'
                ? last < target
                : op === '<='
                  ? last <= target
                  : last >= target;
          expect(result.status === 'met').toBe(ok);
          if (result.projection && result.status !== 'met') {
            const p = result.projection.value;
            const projectedOk =
              op === '>' ? p > target : op === '<' ? p < target : op === '<=' ? p <= target : p >= target;
            expect(result.status === 'on_track').toBe(projectedOk);
          }
        },
      ),
    );
  });
});

describe('nextMilestoneOf', () => {
  it('takes the first milestone due this year or later, else the annual one', () => {
    expect(nextMilestoneOf(keyCadresTrained, '2025-12-31')?.dueYear).toBe(2025);
    expect(nextMilestoneOf(keyCadresTrained, '2026-01-01')?.dueYear).toBe(2030);
    expect(nextMilestoneOf([...keyCadresTrained].reverse(), '2024-05-01')?.dueYear).toBe(2025);
    expect(nextMilestoneOf(yearlyActivity, '2027-05-01')).toMatchObject({ dueYear: 2027, passed: false });
    expect(nextMilestoneOf([], '2027-05-01')).toBeNull();
  });
});

describe('formatNumberVi', () => {
  it('writes numbers the Vietnamese way', () => {
    expect(formatNumberVi(91.25)).toBe('91,3');
    expect(formatNumberVi(90)).toBe('90');
    expect(formatNumberVi(1234.5)).toBe('1.234,5');
    expect(formatNumberVi(126000)).toBe('126.000');
    expect(formatNumberVi(-2.04)).toBe('-2');
    expect(formatNumberVi(-0.04)).toBe('0');
    expect(formatNumberVi(2.125, 2)).toBe('2,13');
  });
});

describe('the assessment in words, in both languages', () => {
  it('writes the same verdict and basis from its phrases in Vietnamese and in English', async () => {
    const { verdictText, basisText } = await import('./assessment-text.ts');
    const a = assessTarget(
      [{ year: 2026, op: '>=', value: 90, unit: '%' }],
      [
        { periodEnd: '2024-12-31', value: 70 },
        { periodEnd: '2025-12-31', value: 75 },
      ],
      '2026-03-01',
    );
    expect(a.status).toBe('off_track');
    expect(verdictText(a.verdictPhrase)).toBe(a.verdict);
    expect(basisText(a.basisPhrases)).toBe(a.basis);
    expect(a.verdict).toMatch(
      /^Theo xu hướng này sẽ không đạt chỉ tiêu ít nhất 90% năm 2026 \(còn cách 10 điểm %\)\.$/,
    );
    expect(verdictText(a.verdictPhrase, 'en')).toBe(
      'On this trend it will miss the target at least 90% for 2026 (10 percentage points short).',
    );
    expect(basisText(a.basisPhrases, 'en')).toMatch(
      /^Linear trend over 2 periods \(2024–2025\): up 5 percentage points a year; projected 80% in 2026\.$/,
    );
  });
});
