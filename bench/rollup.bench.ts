import type { Database, Engine } from '../server/db/client.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { createServices, type Services } from '../server/services/services.ts';
import { benchEngines, openBenchDatabase } from './bench-database.ts';
import { printMeasurement, timeRuns } from './measure.ts';

/**
 * National scale: 34 provinces, ~3,300 commune/sector unions, ~102,000 grassroots unions,
 * 30 indicators, 4 half-year periods, ~12 million approved values. BENCH_SCALE (default 1)
 * shrinks the communes and grassroots unions for a quick run.
 */
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const PROVINCES = 34;
const COMMUNES = Math.max(PROVINCES, Math.round(3_298 * SCALE));
const GRASSROOTS = Math.max(COMMUNES, Math.round(102_238 * SCALE));
const INDICATORS = 30;
const PLAN_INDICATORS = 10;
/** Reports left submitted in the last period, approved one by one through the service. */
const PENDING = 40;

const log = (line: string) => process.stderr.write(`rollup bench: ${line}\n`);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  log(`${label} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

export interface NationalDataset {
  nationId: number;
  provinceIds: number[];
  planId: number;
  periodIds: number[];
  indicatorIds: number[];
  pendingReportIds: number[];
  values: number;
}

/** The indicator kinds in turn: ratios, counts, yes/no (units meeting), sums. */
function indicatorKind(k: number): { kind: string; aggregation: string } {
  switch (k % 4) {
    case 0:
      return { kind: 'ratio', aggregation: 'sum' };
    case 1:
      return { kind: 'count', aggregation: 'sum' };
    case 2:
      return { kind: 'boolean', aggregation: 'count_units_meeting' };
    default:
      return { kind: 'sum', aggregation: 'sum' };
  }
}

/**
 * Loads the national dataset set-based: units, names and parents by `generate_series`; the plan,
 * its targets and the schedule through the services (a handful of rows); reports and values by
 * INSERT … SELECT with report_values' keys dropped during the load and checked after.
 */
export async function loadNationalDataset(database: Database, services: Services): Promise<NationalDataset> {
  await timed('units', () =>
    database.exec(`
      INSERT INTO org_units (code, type, valid_from) VALUES ('VN', 'national', DATE '2020-01-01');
      INSERT INTO org_units (code, type, valid_from)
        SELECT 'T' || lpad(g::text, 2, '0'), 'province', DATE '2020-01-01' FROM generate_series(1, ${PROVINCES}) g;
      INSERT INTO org_units (code, type, valid_from)
        SELECT 'X' || g, 'commune', DATE '2020-01-01' FROM generate_series(1, ${COMMUNES}) g;
      INSERT INTO org_units (code, type, valid_from)
        SELECT 'G' || g, 'grassroots', DATE '2020-01-01' FROM generate_series(1, ${GRASSROOTS}) g;
      INSERT INTO org_unit_names (unit_id, name, name_folded, valid_from)
        SELECT id, CASE type WHEN 'national' THEN 'Tổng Liên đoàn Lao động Việt Nam'
                             WHEN 'province' THEN 'Liên đoàn Lao động tỉnh ' || code
                             WHEN 'commune' THEN 'Công đoàn xã ' || code
                             ELSE 'Công đoàn cơ sở ' || code END,
               lower(code), DATE '2020-01-01'
          FROM org_units;
      INSERT INTO org_unit_parents (unit_id, parent_id, valid_from)
        SELECT u.id, CASE u.type
                       WHEN 'national' THEN NULL
                       WHEN 'province' THEN (SELECT id FROM org_units WHERE code = 'VN')
                       WHEN 'commune' THEN (SELECT p.id FROM org_units p
                                              WHERE p.code = 'T' || lpad(((substr(u.code, 2)::int - 1) % ${PROVINCES} + 1)::text, 2, '0'))
                       ELSE (SELECT c.id FROM org_units c WHERE c.code = 'X' || ((substr(u.code, 2)::int - 1) % ${COMMUNES} + 1))
                     END,
               DATE '2020-01-01'
          FROM org_units u;
      ANALYZE org_units; ANALYZE org_unit_names; ANALYZE org_unit_parents;
    `),
  );
  const [nation] = await database.query<{ id: number }>(`SELECT id FROM org_units WHERE code = 'VN'`);
  const nationId = nation!.id;
  const provinceIds = (
    await database.query<{ id: number }>(`SELECT id FROM org_units WHERE type = 'province' ORDER BY code`)
  ).map((r) => r.id);

  const indicatorIds: number[] = [];
  for (let k = 0; k < INDICATORS; k++) {
    const { kind, aggregation } = indicatorKind(k);
    const created = await services.indicators.createIndicator(SYSTEM_ACTOR, {
      code: `CS${String(k + 1).padStart(2, '0')}`,
      name: `Chỉ số ${k + 1} (${kind})`,
      kind: kind as 'ratio',
      unit: kind === 'ratio' || aggregation === 'count_units_meeting' ? '%' : null,
      numeratorLabel: kind === 'ratio' ? 'Đạt' : null,
      denominatorLabel: kind === 'ratio' ? 'Tổng số' : null,
      disaggregation: 'none',
      aggregation: aggregation as 'sum',
      threshold: 1,
    });
    indicatorIds.push(created.id);
  }
  const plan = await services.plans.create(SYSTEM_ACTOR, nationId, {
    title: 'Kế hoạch thực hiện Chỉ thị 28-CT/TW giai đoạn 2024–2026',
    kind: 'KH',
    yearFrom: 2024,
    yearTo: 2026,
    issuerName: 'Tổng Liên đoàn Lao động Việt Nam',
    supervisingBody: null,
    place: 'Hà Nội',
    preamble: null,
    purposes: [],
    funding: [],
    recipients: [],
    signer: null,
    implementDeadline: null,
    targets: indicatorIds.slice(0, PLAN_INDICATORS).map((_, k) => ({
      text: `Chỉ tiêu ${k + 1}`,
      milestones: [{ year: 2026, op: '>=', value: indicatorKind(k).kind === 'ratio' ? 80 : 1000, unit: '%' }],
    })),
    tasks: [],
    assignments: [],
    reporting: [],
    events: [],
  });
  for (const [k, target] of plan.targets.entries()) {
    await services.indicators.bindTarget(SYSTEM_ACTOR, plan.id, target.id, indicatorIds[k]!);
  }
  const schedule = await services.schedules.createSchedule(SYSTEM_ACTOR, {
    planId: plan.id,
    dutyIndex: null,
    name: 'Báo cáo 6 tháng và năm',
    frequency: 'semiannual',
    dueRule: '06-10',
    fromYear: 2024,
    toYear: 2025,
    leadDays: 5,
    unitTypes: ['grassroots'],
    form: {
      name: 'Biểu báo cáo',
      indicators: indicatorIds.map((indicatorId) => ({ indicatorId, required: true })),
      sections: [{ key: 'results', title: 'Kết quả thực hiện', required: false }],
      allowAttachments: false,
    },
  });
  const periodIds = schedule.periods.map((p) => p.id);
  const formVersionId = schedule.form.versionId;
  const lastPeriod = periodIds.at(-1)!;

  await timed('reports', () =>
    database.exec(`
      ALTER TABLE reports DROP CONSTRAINT reports_period_id_report_periods_id_fk;
      ALTER TABLE reports DROP CONSTRAINT reports_unit_id_org_units_id_fk;
      ALTER TABLE reports DROP CONSTRAINT reports_form_version_id_report_form_versions_id_fk;
      INSERT INTO reports (period_id, unit_id, form_version_id, status, due_on, narrative, submitted_at, late, reviewed_at)
        SELECT p.id, u.id, ${formVersionId},
               CASE WHEN p.id = ${lastPeriod} AND u.id % ${Math.max(1, Math.floor(GRASSROOTS / PENDING))} = 0 THEN 'submitted'
                    ELSE 'approved' END,
               p.due_on, jsonb_build_object('results', 'Đã tổ chức các hoạt động theo kế hoạch.'),
               (p.due_on + (u.id % 13 - 9))::timestamptz, u.id % 13 - 9 > 0, now()
          FROM report_periods p CROSS JOIN org_units u
         WHERE p.schedule_id = ${schedule.id} AND u.type = 'grassroots';
      ALTER TABLE reports ADD CONSTRAINT reports_period_id_report_periods_id_fk FOREIGN KEY (period_id) REFERENCES report_periods(id);
      ALTER TABLE reports ADD CONSTRAINT reports_unit_id_org_units_id_fk FOREIGN KEY (unit_id) REFERENCES org_units(id);
      ALTER TABLE reports ADD CONSTRAINT reports_form_version_id_report_form_versions_id_fk FOREIGN KEY (form_version_id) REFERENCES report_form_versions(id);
      ANALYZE reports;
    `),
  );
  // The values: 30 per report. A ratio's numerator never exceeds its denominator.
  await database.exec(`
    ALTER TABLE report_values DROP CONSTRAINT report_values_report_id_reports_id_fk;
    ALTER TABLE report_values DROP CONSTRAINT report_values_indicator_id_indicators_id_fk;
    ALTER TABLE report_values DROP CONSTRAINT report_values_report_id_indicator_id_category_pk;
  `);
  for (const periodId of periodIds) {
    await timed(`values of period ${periodId}`, () =>
      database.exec(`
        INSERT INTO report_values (report_id, indicator_id, category, numerator, denominator)
          SELECT r.id, i.id, 'total',
                 CASE i.kind
                   WHEN 'ratio' THEN ((10 + (r.unit_id + i.id) % 40) * ((r.unit_id * 7 + i.id * 13 + r.period_id * 31) % 101)) / 100
                   WHEN 'boolean' THEN ((r.unit_id + i.id + r.period_id) % 5 <> 0)::int
                   WHEN 'count' THEN (r.unit_id * 3 + i.id + r.period_id) % 12
                   ELSE ((r.unit_id * 11 + i.id * 7 + r.period_id) % 5000) * 1000
                 END::float8,
                 CASE WHEN i.kind = 'ratio' THEN 10 + (r.unit_id + i.id) % 40 END::float8
            FROM reports r CROSS JOIN indicators i
           WHERE r.period_id = ${periodId} AND i.id = ANY(ARRAY[${indicatorIds.join(',')}]);
      `),
    );
  }
  await timed('keys of report_values', () =>
    database.exec(`
      ALTER TABLE report_values ADD CONSTRAINT report_values_report_id_indicator_id_category_pk PRIMARY KEY (report_id, indicator_id, category);
      ALTER TABLE report_values ADD CONSTRAINT report_values_report_id_reports_id_fk FOREIGN KEY (report_id) REFERENCES reports(id) ON DELETE CASCADE;
      ALTER TABLE report_values ADD CONSTRAINT report_values_indicator_id_indicators_id_fk FOREIGN KEY (indicator_id) REFERENCES indicators(id);
      ANALYZE report_values;
    `),
  );
  const [count] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM report_values');
  const pendingReportIds = (
    await database.query<{ id: number }>(
      `SELECT id FROM reports WHERE period_id = ${lastPeriod} AND status = 'submitted' ORDER BY id`,
    )
  ).map((r) => r.id);
  return {
    nationId,
    provinceIds,
    planId: plan.id,
    periodIds,
    indicatorIds,
    pendingReportIds,
    values: count!.n,
  };
}

async function runEngine(engine: Engine): Promise<void> {
  const { database, dispose } = await openBenchDatabase(engine);
  try {
    const services = createServices(database, { sessionTtlHours: 1 }, () => new Date('2026-01-20T03:00:00Z'));
    log(
      `${engine}: ${PROVINCES} provinces, ${COMMUNES} communes, ${GRASSROOTS} grassroots unions (scale ${SCALE})`,
    );
    const data = await timed(`${engine} load`, () => loadNationalDataset(database, services));
    log(`${engine}: ${data.values} values`);
    for (const periodId of data.periodIds) {
      await timed(`${engine} first build of period ${periodId}`, () =>
        services.rollup.rebuild(SYSTEM_ACTOR, periodId),
      );
    }
    const scale = { scale: SCALE, units: 1 + PROVINCES + COMMUNES + GRASSROOTS, values: data.values };

    const period = data.periodIds[2]!;
    // The figures (targets, projection, provinces ranked, trend); completeness is measured below.
    const dashboard = await timeRuns(20, () =>
      services.dashboard.planDashboard(SYSTEM_ACTOR, data.planId, period, { completeness: false }),
    );
    const withCompleteness = await timeRuns(5, () =>
      services.dashboard.planDashboard(SYSTEM_ACTOR, data.planId, period),
    );
    const sample = await services.dashboard.planDashboard(SYSTEM_ACTOR, data.planId, period);
    printMeasurement({
      name: 'rollup_national_dashboard',
      engine,
      ...dashboard,
      ...scale,
      targets: sample.targets.length,
      provinces: sample.targets[0]!.units.length,
      with_completeness_p50_ms: withCompleteness.p50_ms,
      goal_p50_ms: 15,
    });
    // The nation's stored figures, for DuckDB's full scan to match.
    const national = await database.query<{
      indicator_id: number;
      numerator: number;
      denominator: number;
      meeting_units: number;
    }>(
      `SELECT indicator_id, numerator, denominator, meeting_units FROM rollup_values
        WHERE period_id = ${period} AND unit_id = ${data.nationId} AND category = 'total'
          AND indicator_id = ANY(ARRAY[${data.indicatorIds.slice(0, PLAN_INDICATORS).join(',')}]) ORDER BY indicator_id`,
    );
    storedNational.set(engine, national);
    if (!layout) layout = await idLayout(database, data, period);
    const province = data.provinceIds[0]!;
    const drilldown = await timeRuns(20, () => services.drilldown.drilldown(SYSTEM_ACTOR, period, province));
    const drilled = await services.drilldown.drilldown(SYSTEM_ACTOR, period, province);
    printMeasurement({
      name: 'rollup_province_drilldown',
      engine,
      ...drilldown,
      ...scale,
      children: drilled.children.length,
      indicators: drilled.indicators.length,
      goal_p50_ms: 15,
    });
    const completeness = await timeRuns(5, () => services.completeness.forPeriod(SYSTEM_ACTOR, period));
    printMeasurement({ name: 'rollup_national_completeness', engine, ...completeness, ...scale });

    const rebuildPeriod = data.periodIds[1]!;
    const rebuild = await timeRuns(3, () => services.rollup.rebuild(SYSTEM_ACTOR, rebuildPeriod), 0);
    printMeasurement({ name: 'rollup_rebuild_period', engine, ...rebuild, ...scale, goal_ms: 3000 });

    let next = 0;
    const approve = await timeRuns(
      data.pendingReportIds.length - 2,
      // loaded as submitted, version 0
      () => services.reviews.approve(SYSTEM_ACTOR, data.pendingReportIds[next++]!, 0),
      2,
    );
    printMeasurement({ name: 'rollup_approve_report', engine, ...approve, ...scale, goal_p95_ms: 10 });
  } finally {
    await dispose();
  }
}

/** The nation's stored roll-up rows of the dashboard's period, per engine (for DuckDB to match). */
const storedNational = new Map<
  string,
  { indicator_id: number; numerator: number; denominator: number; meeting_units: number }[]
>();

/** Ids as the load gave them (identity columns, in the order the units were generated). */
interface IdLayout {
  communeFirstId: number;
  grassrootsFirstId: number;
  provinceFirstId: number;
  indicatorIds: number[];
  periodId: number;
}
let layout: IdLayout | null = null;

async function idLayout(database: Database, data: NationalDataset, periodId: number): Promise<IdLayout> {
  const [row] = await database.query<Record<string, number>>(
    `SELECT min(id) FILTER (WHERE type = 'province') AS p, count(*) FILTER (WHERE type = 'province') AS pn,
            max(id) FILTER (WHERE type = 'province') AS px,
            min(id) FILTER (WHERE type = 'commune') AS c, max(id) FILTER (WHERE type = 'commune') AS cx,
            min(id) FILTER (WHERE type = 'grassroots') AS g, max(id) FILTER (WHERE type = 'grassroots') AS gx
       FROM org_units`,
  );
  const r = row!;
  // The generator's ids are contiguous per level, in code order (checked, not assumed).
  if (r.px! - r.p! + 1 !== PROVINCES || r.cx! - r.c! + 1 !== COMMUNES || r.gx! - r.g! + 1 !== GRASSROOTS) {
    throw new Error('rollup bench: unit ids are not contiguous; DuckDB cannot mirror the dataset');
  }
  return {
    provinceFirstId: r.p!,
    communeFirstId: r.c!,
    grassrootsFirstId: r.g!,
    indicatorIds: data.indicatorIds,
    periodId,
  };
}

/**
 * The floor of a full scan: the same national dataset generated inside DuckDB (in memory, the same
 * formulas over the same ids), then the dashboard's figures — the nation and its 34 provinces, the
 * plan's 10 indicators, one period — computed from every value on each run. The nation's figures
 * must equal the roll-ups stored by the SQL engines.
 */
async function runDuckdb(ids: IdLayout): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const kinds = ids.indicatorIds
    .map((id, k) => `(${id}, '${indicatorKind(k).kind}', '${indicatorKind(k).aggregation}')`)
    .join(', ');
  await timed('duckdb load', async () => {
    await c.run(`CREATE TABLE indicators AS SELECT * FROM (VALUES ${kinds}) AS t(id, kind, aggregation)`);
    // Grassroots unions with their commune and province, as the generator links them.
    await c.run(`CREATE TABLE units AS
      SELECT ${ids.grassrootsFirstId} + g AS id,
             ${ids.communeFirstId} + (g % ${COMMUNES}) AS commune_id,
             ${ids.provinceFirstId} + ((g % ${COMMUNES}) % ${PROVINCES}) AS province_id
        FROM range(${GRASSROOTS}) t(g)`);
    // Every value of the four periods: the generator's formulas (integer division as in PostgreSQL).
    await c.run(`CREATE TABLE report_values AS
      SELECT p.period_id, u.id AS unit_id, i.id AS indicator_id,
             CAST(CASE i.kind
               WHEN 'ratio' THEN ((10 + (u.id + i.id) % 40) * ((u.id * 7 + i.id * 13 + p.period_id * 31) % 101)) // 100
               WHEN 'boolean' THEN CAST((u.id + i.id + p.period_id) % 5 <> 0 AS INTEGER)
               WHEN 'count' THEN (u.id * 3 + i.id + p.period_id) % 12
               ELSE ((u.id * 11 + i.id * 7 + p.period_id) % 5000) * 1000 END AS DOUBLE) AS numerator,
             CASE WHEN i.kind = 'ratio' THEN CAST(10 + (u.id + i.id) % 40 AS DOUBLE) END AS denominator
        FROM (SELECT unnest(range(${ids.periodId - 2}, ${ids.periodId + 2})) AS period_id) p
       CROSS JOIN units u CROSS JOIN indicators i`);
  });
  const [count] = (
    await c.runAndReadAll('SELECT count(*)::INTEGER AS n FROM report_values')
  ).getRowObjectsJS();
  const plan = ids.indicatorIds.slice(0, PLAN_INDICATORS).join(',');
  const figureSql = `
    WITH v AS (
      SELECT u.province_id, v.indicator_id, i.aggregation, i.kind, v.numerator, v.denominator
        FROM report_values v JOIN units u ON u.id = v.unit_id JOIN indicators i ON i.id = v.indicator_id
       WHERE v.period_id = ${ids.periodId} AND v.indicator_id IN (${plan})
    )
    SELECT province_id, indicator_id,
           sum(CASE WHEN aggregation = 'count_units_meeting' THEN CAST(numerator >= 1 AS INTEGER) ELSE numerator END) AS numerator,
           sum(CASE WHEN kind = 'ratio' THEN denominator WHEN aggregation = 'count_units_meeting' THEN 0 ELSE 1 END) AS denominator,
           count(*) AS reporting_units
      FROM v GROUP BY GROUPING SETS ((province_id, indicator_id), (indicator_id))
     ORDER BY province_id NULLS FIRST, indicator_id`;
  const scan = await timeRuns(5, () => c.runAndReadAll(figureSql));
  const rows = (await c.runAndReadAll(figureSql)).getRowObjectsJS();
  const nation = rows.filter((r) => r.province_id === null);
  const matches = [...storedNational.entries()].map(([engine, stored]) => ({
    engine,
    equal:
      stored.length === nation.length &&
      stored.every((s, k) => {
        const d = nation[k]!;
        const aggregation = indicatorKind(ids.indicatorIds.indexOf(s.indicator_id)).aggregation;
        return (
          Number(d.indicator_id) === s.indicator_id &&
          Number(d.numerator) === s.numerator &&
          (aggregation === 'count_units_meeting' || Number(d.denominator) === s.denominator)
        );
      }),
  }));
  printMeasurement({
    name: 'rollup_national_scan',
    engine: 'duckdb',
    ...scan,
    scale: SCALE,
    units: 1 + PROVINCES + COMMUNES + GRASSROOTS,
    values: Number(count!.n),
    figures: rows.length,
    matches_stored_rollup: matches,
  });
  c.closeSync();
  instance.closeSync();
}

/** `npm run bench -- rollup` */
export async function run(): Promise<void> {
  for (const engine of benchEngines()) await runEngine(engine);
  if (layout) await runDuckdb(layout);
}
