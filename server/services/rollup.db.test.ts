import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS, type TIndicator, type TValueInput } from '../../contracts/reporting.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { type Entry, TOTAL } from '../../domain/rollup/indicator.ts';
import { rollUpFromScratch } from '../../domain/rollup/roll-up.ts';
import { DashboardRepository } from '../repositories/dashboard.repository.ts';
import { RollupRepository, type RollupRow } from '../repositories/rollup.repository.ts';
import { RollupPeriodRepository } from '../repositories/rollup-period.repository.ts';
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
        await services.orgChange.create(SYSTEM_ACTOR, {
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
    const define = (code: string, input: Partial<Parameters<Services['indicators']['createIndicator']>[1]>) =>
      services.indicators.createIndicator(SYSTEM_ACTOR, {
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
    const plan = await services.plans.create(
      SYSTEM_ACTOR,
      planUnitId,
      emptyPlanContent('Kế hoạch thử', 2025),
    );
    const schedule = await services.schedules.createSchedule(SYSTEM_ACTOR, {
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
    let report = await services.reports.open(SYSTEM_ACTOR, periodId, unitId);
    if (report.status === 'approved') return;
    if (report.status === 'submitted') {
      await services.reviews.approve(SYSTEM_ACTOR, report.id, report.version);
      return;
    }
    report = await services.reports.save(SYSTEM_ACTOR, report.id, {
      values: randomValues(),
      narrative: {},
      version: report.version,
    });
    report = await services.reports.submit(SYSTEM_ACTOR, report.id, report.version);
    await services.reviews.approve(SYSTEM_ACTOR, report.id, report.version);
  }

  async function unlock(periodId: number, unitId: number) {
    const report = await services.reports.open(SYSTEM_ACTOR, periodId, unitId);
    if (report.status !== 'approved') return;
    await services.reviews.unlock(SYSTEM_ACTOR, report.id, 'Sửa lại số liệu', report.version);
  }

  /** Random approvals and unlocks over the units in scope of a period. */
  async function churn(periodId: number, steps: number) {
    const scope = await services.schedules.periodStatus(SYSTEM_ACTOR, periodId);
    const units = scope.rows.map((r) => r.unitId);
    for (let k = 0; k < steps; k++) {
      const unitId = rnd.pick(units);
      if (rnd.next() < 0.7) await approve(periodId, unitId);
      else await unlock(periodId, unitId);
    }
  }

  const stored = (periodId: number) =>
    new DashboardRepository(testDb.database).rowsOf({ periodIds: [periodId] });

  /** The period's tree snapshot: unit → [parent, ancestors, expected, has units below, expected units]. */
  async function snapshot(periodId: number) {
    const found = await testDb.database.query<{
      unit_id: number;
      parent_id: number | null;
      ancestors: number[];
      expected: boolean;
      has_children: boolean;
      expected_units: number;
    }>(
      'SELECT unit_id, parent_id, ancestors, expected, has_children, expected_units FROM rollup_units WHERE period_id = $1',
      [periodId],
    );
    return Object.fromEntries(
      found.map((r) => [r.unit_id, [r.parent_id, r.ancestors, r.expected, r.has_children, r.expected_units]]),
    );
  }

  /** The same computed independently from the organisation as of the period's end. */
  async function treeAsOf(periodId: number) {
    const status = await services.schedules.periodStatus(SYSTEM_ACTOR, periodId);
    const scope = { planUnitId, unitTypes: ['commune', 'grassroots'], date: status.period.endsOn };
    const tree = await services.orgRepository.tree(status.period.endsOn, planUnitId);
    const parentOf = new Map(tree.map((u) => [u.id, u.id === planUnitId ? null : u.parentId]));
    const ancestorsOf = (id: number): number[] => {
      const parent = parentOf.get(id) ?? null;
      return parent === null ? [] : [...ancestorsOf(parent), parent];
    };
    const expected = new Set(
      tree
        .filter((u) => isExpected({ id: u.id, type: u.type, parentId: u.parentId }, scope))
        .map((u) => u.id),
    );
    return Object.fromEntries(
      tree.map((u) => {
        const below = tree.filter((v) => v.id === u.id || ancestorsOf(v.id).includes(u.id));
        return [
          u.id,
          [
            parentOf.get(u.id) ?? null,
            ancestorsOf(u.id),
            expected.has(u.id),
            tree.some((v) => parentOf.get(v.id) === u.id),
            below.filter((v) => expected.has(v.id)).length,
          ],
        ];
      }),
    );
  }

  /**
   * The independent computation: the domain's `rollUpFromScratch` over the tree as of the period's
   * end and the approved values, kept for units with units below them and cells with data.
   */
  async function independent(periodId: number) {
    const period = (
      await services.schedules.scheduleView(SYSTEM_ACTOR, await scheduleIdOf(periodId))
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
    const status = await services.schedules.periodStatus(SYSTEM_ACTOR, periodId);
    const approved = status.rows.filter((r) => r.status === 'approved');
    const valuesOf = new Map<number, TValueInput[]>();
    for (const r of approved)
      valuesOf.set(r.unitId, (await services.reports.get(SYSTEM_ACTOR, r.reportId!)).values);
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
      const status = await services.schedules.periodStatus(SYSTEM_ACTOR, periodId);
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
      // The tree snapshot the approvals used (built by the period's first approval) is the organisation at its end.
      expect(await snapshot(periodId)).toEqual(await treeAsOf(periodId));
      await services.rollup.rebuild(SYSTEM_ACTOR, periodId);
      expect(byKey(await stored(periodId))).toEqual(truth);
    }
  }, 120_000);

  it('follows a reorganisation: a merge queues the rebuild of the second half, which rolls it up the new tree, the first half the old one', async () => {
    const [a, b] = [communes[0]!, communes[1]!];
    const province = (await services.orgRepository.unitAsOf(a, '2025-06-01'))!.parentId!;
    const merged = await services.orgChange.merge(SYSTEM_ACTOR, {
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
    // Effective 1/7: the second half (ends 31/12) waits for a rebuild, the first (ends 30/6) does not.
    expect((await services.rollup.queued()).map((q) => q.period_id)).toEqual([second]);
    // Approvals meanwhile go on against the old snapshot; the queued rebuild takes them in.
    await churn(second, 10);
    expect(await services.rollup.runQueued()).toEqual([second]);
    expect(await services.rollup.queued()).toEqual([]);
    expect(await services.rollup.runQueued()).toEqual([]);
    for (const periodId of [first, second]) {
      expect(byKey(await stored(periodId))).toEqual(await independent(periodId));
      expect(await snapshot(periodId)).toEqual(await treeAsOf(periodId));
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

  it('queues the periods a back-dated move reaches, and none for a change after they end', async () => {
    const [first, second] = periodIds as [number, number];
    const unit = grassroots[0]!;
    const from = (await services.orgRepository.unitAsOf(unit, '2025-06-01'))!;
    const target = communes.find((c) => c !== from.parentId)!;
    // Every period has been built by now (approvals and rebuilds above).
    const detail = await services.org.detail(SYSTEM_ACTOR, unit);
    await services.orgChange.move(SYSTEM_ACTOR, unit, {
      parentId: target,
      effectiveDate: '2025-03-01',
      version: detail.version,
    });
    expect((await services.rollup.queued()).map((q) => q.period_id)).toEqual([first, second]);
    expect((await services.rollup.queued())[0]!.stale_reason).toBe('org.move');
    await churn(first, 10);
    expect(await services.rollup.runQueued()).toEqual([first, second]);
    for (const periodId of [first, second]) {
      expect(byKey(await stored(periodId))).toEqual(await independent(periodId));
      expect(await snapshot(periodId)).toEqual(await treeAsOf(periodId));
    }
    // In the first half the union now lies under its new commune (the second half keeps the merge's).
    expect((await snapshot(first))[unit]![0]).toBe(target);
    // After both periods have ended: nothing to recompute.
    const later = await services.org.detail(SYSTEM_ACTOR, unit);
    await services.orgChange.move(SYSTEM_ACTOR, unit, {
      parentId: communes[3]!,
      effectiveDate: '2026-03-01',
      version: later.version,
    });
    expect(await services.rollup.queued()).toEqual([]);
    // A new unit created back-dated is in the tree of the periods after it: queued too.
    await services.orgChange.create(SYSTEM_ACTOR, {
      code: 'NEW1',
      name: 'Công đoàn cơ sở mới',
      shortName: null,
      type: 'grassroots',
      parentId: communes[3]!,
      effectiveDate: '2025-09-01',
    });
    expect((await services.rollup.queued()).map((q) => q.period_id)).toEqual([second]);
    expect(await services.rollup.runQueued()).toEqual([second]);
    expect(await snapshot(second)).toEqual(await treeAsOf(second));
    expect(byKey(await stored(second))).toEqual(await independent(second));
  }, 120_000);

  it('keeps the tree snapshot while the organisation is unchanged, and takes it again after any change to it', async () => {
    const second = periodIds[1]!;
    const depthOf = async (unitId: number) =>
      (
        await testDb.database.query<{ depth: number }>(
          'SELECT depth FROM rollup_units WHERE period_id = $1 AND unit_id = $2',
          [second, unitId],
        )
      )[0]!.depth;
    // A mark the rebuild does not read (depth) shows whether the snapshot was taken again.
    const mark = async () => {
      await testDb.database.query(
        'UPDATE rollup_units SET depth = depth + 100 WHERE period_id = $1 AND unit_id = $2',
        [second, planUnitId],
      );
    };
    await services.rollup.rebuild(SYSTEM_ACTOR, second);
    await mark();
    await services.rollup.rebuild(SYSTEM_ACTOR, second);
    expect(await depthOf(planUnitId)).toBe(100);
    expect(byKey(await stored(second))).toEqual(await independent(second));

    // An import adding a unit inside both periods: queued, and the rebuild takes the snapshot again.
    const lines = [
      'code,name,type,parent_code,valid_from,valid_to',
      'IMP1,Công đoàn cơ sở nhập,grassroots,P1C0,2025-02-01,',
    ];
    const imported = await services.orgExchange.import(SYSTEM_ACTOR, Buffer.from(lines.join('\n')));
    expect(imported.created).toBe(1);
    expect(await services.rollup.runQueued()).toEqual([periodIds[0], second]);
    expect(await depthOf(planUnitId)).toBe(0);
    expect(await snapshot(second)).toEqual(await treeAsOf(second));
    const newId = (await services.orgRepository.unitIdsByCodes(['IMP1'])).get('IMP1')!;
    expect((await snapshot(second))[newId]).toBeDefined();

    // An import of a change after the period's end: not queued, the tree as of its end unchanged;
    // an explicit rebuild takes the snapshot again (the checksum changed) and finds it equal.
    await mark();
    const later = [
      'code,name,type,parent_code,valid_from,valid_to',
      'IMP2,Công đoàn cơ sở sau,grassroots,P1C0,2026-03-01,',
    ];
    await services.orgExchange.import(SYSTEM_ACTOR, Buffer.from(later.join('\n')));
    expect(await services.rollup.queued()).toEqual([]);
    await services.rollup.rebuild(SYSTEM_ACTOR, second);
    expect(await depthOf(planUnitId)).toBe(0);

    // A change made behind the services' back (SQL by hand): a unit's type, then a parent span.
    await mark();
    const unit = grassroots[1]!;
    await testDb.database.query("UPDATE org_units SET type = 'commune' WHERE id = $1", [unit]);
    await services.rollup.rebuild(SYSTEM_ACTOR, second);
    expect(await depthOf(planUnitId)).toBe(0);
    expect(await snapshot(second)).toEqual(await treeAsOf(second));
    await testDb.database.query("UPDATE org_units SET type = 'grassroots' WHERE id = $1", [unit]);
    const before = (await snapshot(second))[unit]![0];
    const target = communes.find((c) => c !== before)!;
    await testDb.database.query(
      'UPDATE org_unit_parents SET parent_id = $1 WHERE unit_id = $2 AND valid_to IS NULL',
      [target, unit],
    );
    await mark();
    await services.rollup.rebuild(SYSTEM_ACTOR, second);
    expect(await depthOf(planUnitId)).toBe(0);
    expect(await snapshot(second)).toEqual(await treeAsOf(second));
    expect(byKey(await stored(second))).toEqual(await independent(second));
  }, 120_000);

  it('refuses a rebuild to anyone but an admin', async () => {
    await expect(
      services.rollup.rebuild(
        { userId: 1, role: 'manager', homeUnitId: planUnitId, ip: null },
        periodIds[0]!,
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  /** The periods of a new annual schedule of the same form (last in this file: later tests would see them). */
  async function annualPeriods(name: string, fromYear: number, toYear: number): Promise<number[]> {
    const plan = await services.plans.create(SYSTEM_ACTOR, planUnitId, emptyPlanContent(name, toYear));
    const schedule = await services.schedules.createSchedule(SYSTEM_ACTOR, {
      planId: plan.id,
      dutyIndex: null,
      name,
      frequency: 'annual',
      dueRule: '11-10',
      fromYear,
      toYear,
      leadDays: 5,
      unitTypes: ['commune', 'grassroots'],
      form: {
        name: `Biểu ${name}`,
        indicators: indicators.map((i) => ({ indicatorId: i.id, required: false })),
        sections: [...DEFAULT_SECTIONS].map((s) => ({ ...s, required: false })),
        allowAttachments: false,
      },
    });
    return schedule.periods.map((p) => p.id);
  }

  it("builds a period's roll-ups when its first report is submitted, in a transaction of its own", async () => {
    const [first, second] = (await annualPeriods('Báo cáo năm', 2024, 2025)) as [number, number];
    const repository = new RollupPeriodRepository(testDb.database);
    const builds = async (periodId: number) =>
      (
        await testDb.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'rollup.build' AND object_id = $1",
          [periodId],
        )
      )[0]!.n;
    expect(await repository.isBuilt(first)).toBe(false);

    // Set off inside a transaction that then fails: the build is not part of it, and stands.
    await expect(
      testDb.database.transaction(async () => {
        services.rollup.onSubmitted(first);
        throw new Error('bỏ');
      }),
    ).rejects.toThrow('bỏ');
    await services.rollup.settled();
    expect(await repository.isBuilt(first)).toBe(true);
    expect(await snapshot(first)).toEqual(await treeAsOf(first));
    expect(await builds(first)).toBe(1);
    // Built once: later submissions of the period build nothing more.
    services.rollup.onSubmitted(first);
    await services.rollup.settled();
    expect(await builds(first)).toBe(1);

    // A submission sets it off; the approval that follows rolls up on the built period.
    const unitId = grassroots[0]!;
    let report = await services.reports.open(SYSTEM_ACTOR, second, unitId);
    report = await services.reports.save(SYSTEM_ACTOR, report.id, {
      values: randomValues(),
      narrative: {},
      version: report.version,
    });
    expect(await repository.isBuilt(second)).toBe(false);
    report = await services.reports.submit(SYSTEM_ACTOR, report.id, report.version);
    await services.rollup.settled();
    expect(await repository.isBuilt(second)).toBe(true);
    expect(await builds(second)).toBe(1);
    await services.reviews.approve(SYSTEM_ACTOR, report.id, report.version);
    expect(byKey(await stored(second))).toEqual(await independent(second));
  }, 60_000);

  it('lands every approval of one period sent at once, and rolls them all up', async () => {
    const [periodId] = (await annualPeriods('Báo cáo năm 2023', 2023, 2023)) as [number];
    const submitted = [];
    for (const unitId of [...grassroots, ...communes]) {
      let report = await services.reports.open(SYSTEM_ACTOR, periodId, unitId);
      report = await services.reports.save(SYSTEM_ACTOR, report.id, {
        values: randomValues(),
        narrative: {},
        version: report.version,
      });
      submitted.push(await services.reports.submit(SYSTEM_ACTOR, report.id, report.version));
    }
    await services.rollup.settled();
    // All at once: on PostgreSQL they meet at the same roll-up rows (two at a time, the rest wait in
    // the server rather than on the rows' locks).
    const approved = await Promise.all(
      submitted.map((r) => services.reviews.approve(SYSTEM_ACTOR, r.id, r.version)),
    );
    expect(approved.map((r) => r.status)).toEqual(submitted.map(() => 'approved'));
    expect(byKey(await stored(periodId))).toEqual(await independent(periodId));
  }, 60_000);

  // Only PostgreSQL runs two transactions at once (PGlite has one connection).
  it.runIf(engine === 'postgres')(
    'opens reports of a period while its roll-ups are being built, and holds its approvals until the build ends',
    async () => {
      const [periodId] = (await annualPeriods('Báo cáo năm 2022', 2022, 2022)) as [number];
      const repository = new RollupRepository(testDb.database);
      // A report submitted before the build, to approve during it.
      let waiting = await services.reports.open(SYSTEM_ACTOR, periodId, grassroots[0]!);
      waiting = await services.reports.submit(SYSTEM_ACTOR, waiting.id, waiting.version);
      await services.rollup.settled();
      let endBuild!: () => void;
      const buildMayEnd = new Promise<void>((resolve) => {
        endBuild = resolve;
      });
      let locked!: () => void;
      const buildHoldsLock = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // The lock a build takes on its period (`rebuildInTransaction`), held until told.
      const build = testDb.database.transaction(async () => {
        await repository.periodScope(periodId, 'update');
        locked();
        await buildMayEnd;
      });
      await buildHoldsLock;
      const within = <T>(work: Promise<T>, ms: number) =>
        Promise.race([work, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms))]);
      // A new report refers to its period (a foreign key): it does not wait for the build.
      const opened = await within(services.reports.open(SYSTEM_ACTOR, periodId, grassroots[1]!), 5000);
      expect(opened).not.toBe('waiting');
      // An approval changes the period's roll-ups: it waits for the build.
      const approval = services.reviews.approve(SYSTEM_ACTOR, waiting.id, waiting.version);
      expect(await within(approval, 300)).toBe('waiting');
      endBuild();
      await build;
      expect((await approval).status).toBe('approved');
      expect(byKey(await stored(periodId))).toEqual(await independent(periodId));
    },
    60_000,
  );
});
