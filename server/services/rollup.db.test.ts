import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS, type TIndicator, type TValueInput } from '../../contracts/reporting.ts';
import { type Entry, TOTAL } from '../../domain/rollup/indicator.ts';
import { rollUpFromScratch } from '../../domain/rollup/roll-up.ts';
import { RollupRepository, type RollupRow } from '../repositories/rollup.repository.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { entryOf, indicatorOf, isExpected } from './rollup.service.ts';
import { createServices, type Services } from './services.ts';

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

const PLAN = {
  kind: 'KH',
  yearFrom: 2025,
  yearTo: 2025,
  issuerName: null,
  supervisingBody: null,
  place: null,
  preamble: null,
  purposes: [],
  funding: [],
  recipients: [],
  signer: null,
  implementDeadline: null,
  targets: [],
  tasks: [],
  assignments: [],
  reporting: [],
  events: [],
};

type Key = string;
const keyOf = (r: { unit_id: number; indicator_id: number; category: string }): Key =>
  `${r.indicator_id}/${r.unit_id}/${r.category}`;

/** The stored rows as comparable records (whole numbers in this test, so equality is exact). */
function byKey(rows: RollupRow[]) {
  return Object.fromEntries(
    rows.map((r) => [
      keyOf(r),
      [r.numerator, r.denominator, r.reporting_units, r.meeting_units, r.expected_units],
    ]),
  );
}

describe.each(testEngines())('roll-ups on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  let planUnitId: number;
  let periodIds: number[];
  let indicators: TIndicator[];
  const communes: number[] = [];
  const grassroots: number[] = [];
  const rnd = prng(20251122);

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(
      testDb.database,
      { sessionTtlHours: 1 },
      () => new Date('2025-12-20T03:00:00Z'),
    );
    const create = async (
      code: string,
      type: 'national' | 'province' | 'commune' | 'grassroots',
      parentId: number | null,
    ) =>
      (
        await services.org.create(SYSTEM_ACTOR, {
          code,
          name: `Đơn vị ${code}`,
          shortName: null,
          type,
          parentId,
          effectiveDate: '2020-01-01',
        })
      ).id;
    planUnitId = await create('N', 'national', null);
    for (let p = 0; p < 2; p++) {
      const province = await create(`P${p}`, 'province', planUnitId);
      for (let c = 0; c < 3; c++) {
        const commune = await create(`P${p}C${c}`, 'commune', province);
        communes.push(commune);
        for (let g = 0; g < 3; g++) grassroots.push(await create(`P${p}C${c}G${g}`, 'grassroots', commune));
      }
      // a grassroots union directly under the province
      grassroots.push(await create(`P${p}G`, 'grassroots', province));
    }
    const define = (code: string, input: Partial<Parameters<Services['reporting']['createIndicator']>[1]>) =>
      services.reporting.createIndicator(SYSTEM_ACTOR, {
        code,
        name: code,
        kind: 'count',
        unit: null,
        numeratorLabel: null,
        denominatorLabel: null,
        disaggregation: 'none',
        aggregation: 'sum',
        threshold: 1,
        ...input,
      });
    indicators = [
      await define('TRAINED', {
        kind: 'ratio',
        numeratorLabel: 'được tập huấn',
        denominatorLabel: 'tổng số',
        disaggregation: 'sex',
      }),
      await define('SESSIONS', { kind: 'count', disaggregation: 'sex' }),
      await define('HELD', { kind: 'boolean', aggregation: 'count_units_meeting' }),
      await define('TWO_PLUS', { kind: 'count', aggregation: 'count_units_meeting', threshold: 2 }),
      await define('FUNDS', { kind: 'sum' }),
    ];
    const plan = await services.plans.create(SYSTEM_ACTOR, planUnitId, { ...PLAN, title: 'Kế hoạch thử' });
    const schedule = await services.reporting.createSchedule(SYSTEM_ACTOR, {
      planId: plan.id,
      dutyIndex: null,
      name: 'Báo cáo 6 tháng',
      frequency: 'semiannual',
      dueRule: '06-10',
      fromYear: 2025,
      toYear: 2025,
      leadDays: 5,
      // communes report too: their own values count in their own row and above
      unitTypes: ['commune', 'grassroots'],
      form: {
        name: 'Biểu',
        indicators: indicators.map((i) => ({ indicatorId: i.id, required: false })),
        sections: [...DEFAULT_SECTIONS].map((s) => ({ ...s, required: false })),
        allowAttachments: false,
      },
    });
    periodIds = schedule.periods.map((p) => p.id);
  }, 120_000);
  afterAll(() => testDb.dispose());

  /** Random valid values for the form (some indicators left out, some categories given). */
  function randomValues(): TValueInput[] {
    const values: TValueInput[] = [];
    for (const indicator of indicators) {
      if (rnd.next() < 0.2) continue;
      const row = (category: 'total' | 'male' | 'female', numerator: number, denominator: number | null) =>
        values.push({ indicatorId: indicator.id, category, numerator, denominator, comment: null });
      if (indicator.kind === 'ratio') {
        const dm = rnd.int(10) + 1;
        const df = rnd.int(10) + 1;
        const nm = rnd.int(dm + 1);
        const nf = rnd.int(df + 1);
        row('total', nm + nf, dm + df);
        if (rnd.next() < 0.7) {
          row('male', nm, dm);
          row('female', nf, df);
        }
      } else if (indicator.kind === 'count' && indicator.disaggregation === 'sex') {
        const m = rnd.int(5);
        const f = rnd.int(5);
        row('total', m + f + rnd.int(2), null);
        if (rnd.next() < 0.5) row('female', f, null);
      } else if (indicator.kind === 'boolean') row('total', rnd.int(2), null);
      else row('total', rnd.int(4), null);
    }
    return values;
  }

  /** Takes a unit's report of a period to approved with fresh random values. */
  async function approve(periodId: number, unitId: number) {
    let report = await services.reporting.open(SYSTEM_ACTOR, periodId, unitId);
    if (report.status === 'approved') return;
    if (report.status === 'submitted') {
      await services.reporting.approve(SYSTEM_ACTOR, report.id, report.version);
      return;
    }
    report = await services.reporting.save(SYSTEM_ACTOR, report.id, {
      values: randomValues(),
      narrative: {},
      version: report.version,
    });
    report = await services.reporting.submit(SYSTEM_ACTOR, report.id, report.version);
    await services.reporting.approve(SYSTEM_ACTOR, report.id, report.version);
  }

  async function unlock(periodId: number, unitId: number) {
    const report = await services.reporting.open(SYSTEM_ACTOR, periodId, unitId);
    if (report.status !== 'approved') return;
    await services.reporting.unlock(SYSTEM_ACTOR, report.id, 'Sửa lại số liệu', report.version);
  }

  /** Random approvals and unlocks over the units in scope of a period. */
  async function churn(periodId: number, steps: number) {
    const scope = await services.reporting.periodStatus(SYSTEM_ACTOR, periodId);
    const units = scope.rows.map((r) => r.unitId);
    for (let k = 0; k < steps; k++) {
      const unitId = rnd.pick(units);
      if (rnd.next() < 0.7) await approve(periodId, unitId);
      else await unlock(periodId, unitId);
    }
  }

  const stored = (periodId: number) =>
    new RollupRepository(testDb.database).rowsOf({ periodIds: [periodId] });

  /**
   * The independent computation: the domain's `rollUpFromScratch` over the tree as of the period's
   * end and the approved values, kept for units with units below them and cells with data.
   */
  async function independent(periodId: number) {
    const period = (
      await services.reporting.scheduleView(SYSTEM_ACTOR, await scheduleIdOf(periodId))
    ).periods.find((p) => p.id === periodId)!;
    const scope = { planUnitId, unitTypes: ['commune', 'grassroots'], date: period.endsOn };
    const tree = await services.orgRepository.tree(period.endsOn, planUnitId);
    const nodes = tree.map((u) => ({ id: u.id, parentId: u.id === planUnitId ? null : u.parentId }));
    const inner = new Set(nodes.map((n) => n.parentId).filter((p): p is number => p !== null));
    const expected = new Set(
      tree
        .filter((u) => isExpected({ id: u.id, type: u.type, parentId: u.parentId }, scope))
        .map((u) => u.id),
    );
    const status = await services.reporting.periodStatus(SYSTEM_ACTOR, periodId);
    const approved = status.rows.filter((r) => r.status === 'approved');
    const valuesOf = new Map<number, TValueInput[]>();
    for (const r of approved)
      valuesOf.set(r.unitId, (await services.reporting.get(SYSTEM_ACTOR, r.reportId!)).values);
    const rows: RollupRow[] = [];
    for (const stored of indicators) {
      const indicator = indicatorOf(stored);
      const reported = new Map<number, Entry>();
      for (const [unitId, values] of valuesOf) {
        const entry = entryOf(
          indicator,
          values.filter((v) => v.indicatorId === stored.id),
        );
        if (entry && values.some((v) => v.indicatorId === stored.id)) reported.set(unitId, entry);
      }
      const aggregates = rollUpFromScratch(nodes, reported, indicator, expected);
      for (const [unitId, aggregate] of aggregates) {
        if (!inner.has(unitId)) continue;
        for (const category of [TOTAL, ...indicator.categories]) {
          const cell = category === TOTAL ? aggregate : aggregate.categories[category]!;
          if (cell.reportingUnits === 0) continue;
          rows.push({
            period_id: periodId,
            indicator_id: stored.id,
            unit_id: unitId,
            category,
            numerator: cell.numerator,
            denominator: cell.denominator,
            reporting_units: cell.reportingUnits,
            meeting_units: cell.meetingUnits,
            expected_units: aggregate.expectedUnits,
          });
        }
      }
    }
    return byKey(rows);
  }

  const scheduleCache = new Map<number, number>();
  async function scheduleIdOf(periodId: number) {
    if (!scheduleCache.has(periodId)) {
      const status = await services.reporting.periodStatus(SYSTEM_ACTOR, periodId);
      scheduleCache.set(periodId, status.period.scheduleId);
    }
    return scheduleCache.get(periodId)!;
  }

  it('keeps the roll-ups live through random approvals and unlocks: incremental = rebuild = from scratch', async () => {
    for (const periodId of periodIds) await churn(periodId, 40);
    for (const periodId of periodIds) {
      const incremental = byKey(await stored(periodId));
      const truth = await independent(periodId);
      expect(Object.keys(truth).length).toBeGreaterThan(10);
      expect(incremental).toEqual(truth);
      await services.rollup.rebuild(SYSTEM_ACTOR, periodId);
      expect(byKey(await stored(periodId))).toEqual(truth);
    }
  }, 120_000);

  it('follows a reorganisation: after a merge, a rebuild rolls the second half up the new tree, the first half the old one', async () => {
    const [a, b] = [communes[0]!, communes[1]!];
    const province = (await services.orgRepository.unitAsOf(a, '2025-06-01'))!.parentId!;
    const merged = await services.org.merge(SYSTEM_ACTOR, {
      sourceIds: [a, b],
      into: {
        code: 'M1',
        name: 'Công đoàn phường hợp nhất',
        shortName: null,
        type: 'commune',
        parentId: province,
      },
      effectiveDate: '2025-07-01',
      moveChildren: true,
    });
    const [first, second] = periodIds as [number, number];
    // Stale until rebuilt: the second half's rows still follow the old communes.
    for (const periodId of [first, second]) {
      await services.rollup.rebuild(SYSTEM_ACTOR, periodId);
      expect(byKey(await stored(periodId))).toEqual(await independent(periodId));
    }
    const firstUnits = new Set((await stored(first)).map((r) => r.unit_id));
    const secondUnits = new Set((await stored(second)).map((r) => r.unit_id));
    expect(firstUnits.has(merged.id)).toBe(false);
    expect(secondUnits.has(a)).toBe(false);
    // Then more approvals and unlocks on the new tree stay equal to a rebuild.
    await churn(second, 30);
    const incremental = byKey(await stored(second));
    expect(incremental).toEqual(await independent(second));
    await services.rollup.rebuild(SYSTEM_ACTOR, second);
    expect(byKey(await stored(second))).toEqual(incremental);
  }, 120_000);

  it('refuses a rebuild to anyone but an admin', async () => {
    await expect(
      services.rollup.rebuild(
        { userId: 1, role: 'manager', homeUnitId: planUnitId, ip: null },
        periodIds[0]!,
      ),
    ).rejects.toMatchObject({ status: 403 });
  });
});
