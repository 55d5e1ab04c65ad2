import { DEFAULT_SECTIONS, type TIndicatorInput } from '../../contracts/reporting.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { createServices, type Services } from '../services/services.ts';

/** A small deterministic random source, so the demo is the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const INDICATORS: TIndicatorInput[] = [
  {
    code: 'TE_CB_TAPHUAN',
    name: 'Cán bộ công đoàn chủ chốt được tập huấn về công tác chăm sóc, giáo dục và bảo vệ trẻ em',
    kind: 'ratio',
    unit: '%',
    numeratorLabel: 'Số cán bộ chủ chốt được tập huấn',
    denominatorLabel: 'Tổng số cán bộ công đoàn chủ chốt',
    disaggregation: 'sex',
    aggregation: 'sum',
    threshold: 1,
  },
  {
    code: 'TE_HD_CHAMLO',
    name: 'Số hoạt động chăm lo cho con đoàn viên, người lao động (1/6, Tết Trung thu, khen thưởng)',
    kind: 'count',
    unit: 'hoạt động',
    numeratorLabel: null,
    denominatorLabel: null,
    disaggregation: 'none',
    aggregation: 'sum',
    threshold: 1,
  },
  {
    code: 'TE_TUYENTRUYEN',
    name: 'Công đoàn cơ sở tổ chức ít nhất một hoạt động tuyên truyền về quyền trẻ em trong năm',
    kind: 'boolean',
    unit: null,
    numeratorLabel: null,
    denominatorLabel: null,
    disaggregation: 'none',
    aggregation: 'count_units_meeting',
    threshold: 1,
  },
];

const NARRATIVE = {
  results:
    'Đã phổ biến Kế hoạch tới toàn thể đoàn viên; tổ chức tập huấn cho cán bộ chủ chốt và các hoạt động chăm lo cho con đoàn viên nhân ngày Quốc tế Thiếu nhi 1/6 và Tết Trung thu.',
  shortcomings: 'Một số đoàn viên làm việc theo ca nên chưa tham gia đầy đủ các buổi tuyên truyền.',
  causes: 'Kinh phí công đoàn cơ sở còn hạn chế; thời gian sinh hoạt khó bố trí.',
  directions: 'Tiếp tục phối hợp với chuyên môn tổ chức hoạt động hè cho con đoàn viên.',
  proposals: 'Đề nghị công đoàn cấp trên hỗ trợ tài liệu tuyên truyền.',
};

/**
 * Demo reports for Lai Châu's plan 72/KH-LĐLĐ: an annual schedule 2024–2026 for its grassroots
 * unions with every state — approved, submitted, returned, draft, late, not started — and
 * synthetic numbers. Each period is worked with a clock of its own time, so dates and late flags
 * are what they would have been.
 */
export async function loadDemoReports(services: Services): Promise<void> {
  const laiChau = await services.orgRepository.findUnitByCode('LDLD-12');
  if (!laiChau) return;
  const plan = (await services.plans.list(SYSTEM_ACTOR, laiChau.id)).find(
    (p) => p.unitId === laiChau.id && p.origin === 'received',
  );
  if (!plan) return;
  const indicators = [];
  for (const input of INDICATORS)
    indicators.push(await services.indicators.createIndicator(SYSTEM_ACTOR, input, { isDemo: true }));
  // Targets bound to the indicator whose words they share most.
  for (const target of await services.indicators.suggestForPlan(SYSTEM_ACTOR, plan.id)) {
    const best = target.suggestions[0];
    if (best) await services.indicators.bindTarget(SYSTEM_ACTOR, plan.id, target.targetId, best.indicator.id);
  }
  const schedule = await services.schedules.createSchedule(
    SYSTEM_ACTOR,
    {
      planId: plan.id,
      dutyIndex: 0,
      name: 'Báo cáo kết quả thực hiện Chỉ thị 28-CT/TW hằng năm',
      frequency: 'annual',
      dueRule: '11-10',
      fromYear: 2024,
      toYear: 2026,
      leadDays: 5,
      unitTypes: ['grassroots'],
      form: {
        name: 'Biểu báo cáo công tác trẻ em',
        indicators: indicators.map((i, index) => ({ indicatorId: i.id, required: index === 0 })),
        sections: [...DEFAULT_SECTIONS],
        allowAttachments: true,
      },
    },
    { isDemo: true },
  );
  const next = random(2024);
  for (const period of schedule.periods) {
    const year = Number(period.key.slice(0, 4));
    // Work each period at the time it happened: submissions around the due date.
    let clock = new Date(`${year}-10-25T02:00:00Z`);
    const timed = createServices(services.database, { sessionTtlHours: 1 }, () => clock, {
      log: () => undefined,
    });
    const status = await timed.schedules.periodStatus(SYSTEM_ACTOR, period.id);
    for (const [index, row] of status.rows.entries()) {
      const roll = next();
      const current = year === 2026;
      // Past years: nearly all approved, a few late or missing. This year: every state.
      const fate = current
        ? (['approved', 'approved', 'submitted', 'returned', 'draft', 'none', 'late'] as const)[index % 7]!
        : roll < 0.08
          ? 'none'
          : roll < 0.2
            ? 'late'
            : 'approved';
      if (fate === 'none') continue;
      clock = new Date(
        `${year}-${fate === 'late' ? '11-20' : `10-${String(20 + (index % 10)).padStart(2, '0')}`}T03:00:00Z`,
      );
      const report = await timed.reports.open(SYSTEM_ACTOR, period.id, row.unitId);
      const cadres = 5 + Math.floor(next() * 20);
      const share = Math.min(1, (year === 2024 ? 0.7 : year === 2025 ? 0.8 : 0.87) + next() * 0.15);
      const trained = Math.round(cadres * share);
      const women = Math.floor(cadres * (0.3 + next() * 0.4));
      const trainedWomen = Math.min(women, Math.round(trained * (women / cadres)));
      let saved = await timed.reports.save(SYSTEM_ACTOR, report.id, {
        values: [
          {
            indicatorId: indicators[0]!.id,
            category: 'total',
            numerator: trained,
            denominator: cadres,
            comment: null,
          },
          {
            indicatorId: indicators[0]!.id,
            category: 'male',
            numerator: trained - trainedWomen,
            denominator: cadres - women,
            comment: null,
          },
          {
            indicatorId: indicators[0]!.id,
            category: 'female',
            numerator: trainedWomen,
            denominator: women,
            comment: null,
          },
          {
            indicatorId: indicators[1]!.id,
            category: 'total',
            numerator: 1 + Math.floor(next() * 6),
            denominator: null,
            comment: null,
          },
          {
            indicatorId: indicators[2]!.id,
            category: 'total',
            numerator: next() < 0.85 ? 1 : 0,
            denominator: null,
            comment: null,
          },
        ],
        narrative: fate === 'draft' ? { results: NARRATIVE.results } : NARRATIVE,
        version: report.version,
      });
      if (fate === 'draft') continue;
      saved = await timed.reports.submit(SYSTEM_ACTOR, saved.id, saved.version);
      if (fate === 'submitted') continue;
      clock = new Date(clock.getTime() + 3 * 86_400_000);
      if (fate === 'returned') {
        await timed.reviews.returnReport(
          SYSTEM_ACTOR,
          saved.id,
          'Đề nghị bổ sung số liệu nữ cán bộ được tập huấn và ảnh hoạt động.',
          saved.version,
        );
        continue;
      }
      await timed.reviews.approve(SYSTEM_ACTOR, saved.id, saved.version);
    }
  }
}
