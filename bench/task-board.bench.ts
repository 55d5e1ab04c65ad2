import { emptyPlanContent } from '../domain/plans/empty-plan.ts';
import type { Database, Engine } from '../server/db/client.ts';
import { type Actor, SYSTEM_ACTOR } from '../server/services/actor.ts';
import { createServices } from '../server/services/services.ts';
import { benchEngines, openBenchDatabase } from './bench-database.ts';
import { printMeasurement, timeRuns } from './measure.ts';

/**
 * A province's task board: 100 commune unions with 30 grassroots unions each (3,000), 20 issued
 * plans of 200 tasks each (led by communes, two cooperating communes per task) whose assignments
 * go to every commune and every grassroots union — 4,000 tasks and 62,000 assignment rows to sort
 * and filter. Also the compliance XLSX of one of those plans.
 */
const COMMUNES = 100;
const GRASSROOTS_PER_COMMUNE = 30;
const PLANS = 20;
const TASKS = 200;

async function addUnits(database: Database, parentSql: string, type: string, prefix: string, count: number) {
  await database.exec(`
    INSERT INTO org_units (code, type, valid_from)
      SELECT '${prefix}' || g, '${type}', DATE '2020-01-01' FROM generate_series(1, ${count}) g;
    INSERT INTO org_unit_names (unit_id, name, name_folded, valid_from)
      SELECT u.id, 'Công đoàn ' || u.code, 'cong doan ' || lower(u.code), DATE '2020-01-01'
        FROM org_units u WHERE u.code LIKE '${prefix}%';
    INSERT INTO org_unit_parents (unit_id, parent_id, valid_from)
      SELECT u.id, ${parentSql}, DATE '2020-01-01' FROM org_units u WHERE u.code LIKE '${prefix}%';
  `);
}

async function measure(engine: Engine): Promise<void> {
  const { database, dispose } = await openBenchDatabase(engine);
  try {
    const services = createServices(database, { sessionTtlHours: 1 }, () => new Date('2025-09-01T03:00:00Z'));
    const province = await services.orgChange.create(SYSTEM_ACTOR, {
      code: 'P',
      name: 'Liên đoàn Lao động tỉnh Thử',
      shortName: null,
      type: 'province',
      parentId: null,
      effectiveDate: '2020-01-01',
    });
    await addUnits(database, String(province.id), 'commune', 'X-', COMMUNES);
    // Grassroots unions spread over the communes by their number.
    await addUnits(
      database,
      `(SELECT c.id FROM org_units c WHERE c.code = 'X-' || (1 + (substring(u.code from 3)::int % ${COMMUNES})))`,
      'grassroots',
      'G-',
      COMMUNES * GRASSROOTS_PER_COMMUNE,
    );
    const communeIds = (await services.orgRepository.tree('2025-09-01', province.id, 1))
      .filter((u) => u.type === 'commune')
      .map((u) => u.id);
    for (let p = 0; p < PLANS; p++) {
      const draft = await services.plans.create(SYSTEM_ACTOR, province.id, {
        ...emptyPlanContent(`Kế hoạch thử ${p + 1}`, 2025),
        tasks: Array.from({ length: TASKS }, (_, k) => {
          const lead = communeIds[(p * TASKS + k) % communeIds.length]!;
          return {
            text: `Nhiệm vụ ${k + 1} của kế hoạch ${p + 1}: tuyên truyền, vận động đoàn viên`,
            leadText: null,
            leadUnitId: lead,
            cooperating: [1, 2].map((d) => ({
              text: 'Công đoàn phối hợp',
              unitId: communeIds[(p * TASKS + k + d) % communeIds.length]!,
            })),
            deadline: k % 3 === 0 ? '2025-06-30' : '2025-12-31',
            status: (k % 4 === 0 ? 'done' : 'in_progress') as 'done' | 'in_progress',
            progressNote: null,
          };
        }),
        assignments: [
          { unitText: 'Các công đoàn xã', unitId: null, unitType: 'commune' as const, text: '' },
          { unitText: 'Các công đoàn cơ sở', unitId: null, unitType: 'grassroots' as const, text: '' },
        ],
      });
      await services.planIssue.issue(SYSTEM_ACTOR, draft.id, {
        symbol: `${p + 1}/KH-LĐLĐ`,
        issuedOn: '2025-03-01',
        version: draft.version,
        signer: { authority: 'TM.', on_behalf_of: 'Ban Thường vụ', title: 'Chủ tịch', name: 'Người ký' },
      });
    }
    const manager: Actor = { userId: null, role: 'manager', homeUnitId: province.id, ip: null };
    let total = 0;
    const full = await timeRuns(5, async () => {
      total = (await services.taskBoard.read(manager, { mine: false, overdue: false })).total;
    });
    printMeasurement({
      name: 'task_board_province',
      engine,
      ...full,
      units: 1 + COMMUNES * 31,
      items: total,
    });
    const overdue = await timeRuns(5, async () => {
      total = (await services.taskBoard.read(manager, { mine: false, overdue: true, q: 'tuyen truyen' }))
        .total;
    });
    printMeasurement({ name: 'task_board_province_overdue_search', engine, ...overdue, items: total });
    const commune: Actor = { userId: null, role: 'officer', homeUnitId: communeIds[0]!, ip: null };
    const one = await timeRuns(10, async () => {
      total = (await services.taskBoard.read(commune, { mine: false, overdue: false })).total;
    });
    printMeasurement({ name: 'task_board_commune', engine, ...one, items: total });
    const [plan] = await services.plans.list(manager, province.id);
    let bytes = 0;
    const xlsx = await timeRuns(5, async () => {
      bytes = (await services.planCompliance.complianceXlsx(manager, plan!.id)).data.length;
    });
    printMeasurement({
      name: 'compliance_xlsx',
      engine,
      ...xlsx,
      units_in_scope: COMMUNES * 31,
      tasks: TASKS,
      bytes,
    });
  } finally {
    await dispose();
  }
}

export async function run(): Promise<void> {
  for (const engine of benchEngines()) await measure(engine);
}
