import ExcelJS from 'exceljs';
import { DEFAULT_SECTIONS } from '../contracts/reporting.ts';
import { renderConsolidatedDocx } from '../documents/render/consolidated-report.docx.ts';
import { emptyPlanContent } from '../domain/plans/empty-plan.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { createServices } from '../server/services/services.ts';
import { benchEngines, openBenchDatabase } from './bench-database.ts';
import { printMeasurement, timeRuns } from './measure.ts';

const COMMUNES = 100;
const GRASSROOTS_PER_COMMUNE = 30;

/** What 3,000 unions write: most say one of a few things, some their own. */
function narrativeOf(k: number): string {
  if (k % 10 < 6) return 'Đã tổ chức tập huấn cho cán bộ chủ chốt công đoàn cơ sở.';
  if (k % 10 < 8) return 'Đã tổ chức tập huấn cho cán bộ chủ chốt công đoàn cơ sở';
  return `Tổ chức ${1 + (k % 7)} buổi sinh hoạt chuyên đề về pháp luật lao động cho đoàn viên tại đơn vị số ${k}.`;
}

/**
 * A province with 100 commune unions of 30 grassroots unions each; every grassroots union reports
 * (one Excel import, sent), then the province's consolidated report is gathered and written:
 * `render_consolidated_docx` times the whole download (compile + DOCX), `render_consolidated_only`
 * the renderer alone on the gathered report. `baseline_plan_docx_p50_ms` is the 10-page plan of
 * the same run.
 */
export async function consolidatedAtProvinceScale(baselinePlanMs: number): Promise<void> {
  for (const engine of benchEngines()) {
    const { database, dispose } = await openBenchDatabase(engine);
    try {
      const services = createServices(
        database,
        { sessionTtlHours: 1 },
        () => new Date('2025-11-01T03:00:00Z'),
      );
      const actor = SYSTEM_ACTOR;
      const province = await services.orgChange.create(actor, {
        code: 'P',
        name: 'Liên đoàn Lao động tỉnh Thử',
        type: 'province',
        parentId: null,
        effectiveDate: '2020-01-01',
      });
      await database.exec(`
        INSERT INTO org_units (code, type, valid_from)
          SELECT 'X-' || g, 'commune', DATE '2020-01-01' FROM generate_series(1, ${COMMUNES}) g;
        INSERT INTO org_unit_names (unit_id, name, name_folded, valid_from)
          SELECT u.id, 'Công đoàn xã số ' || substring(u.code from 3), 'cong doan xa so ' || substring(u.code from 3), DATE '2020-01-01'
            FROM org_units u WHERE u.code LIKE 'X-%';
        INSERT INTO org_unit_parents (unit_id, parent_id, valid_from)
          SELECT u.id, ${province.id}, DATE '2020-01-01' FROM org_units u WHERE u.code LIKE 'X-%';
        INSERT INTO org_units (code, type, valid_from)
          SELECT 'G-' || g, 'grassroots', DATE '2020-01-01'
            FROM generate_series(1, ${COMMUNES * GRASSROOTS_PER_COMMUNE}) g;
        INSERT INTO org_unit_names (unit_id, name, name_folded, valid_from)
          SELECT u.id, 'CĐCS số ' || substring(u.code from 3), 'cdcs so ' || substring(u.code from 3), DATE '2020-01-01'
            FROM org_units u WHERE u.code LIKE 'G-%';
        INSERT INTO org_unit_parents (unit_id, parent_id, valid_from)
          SELECT u.id, c.id, DATE '2020-01-01' FROM org_units u
            JOIN org_units c ON c.code = 'X-' || (1 + (substring(u.code from 3)::int % ${COMMUNES}))
           WHERE u.code LIKE 'G-%';
      `);
      const ratio = await services.indicators.createIndicator(actor, {
        code: 'CB',
        name: 'Cán bộ được tập huấn',
        kind: 'ratio',
        unit: '%',
        numeratorLabel: 'Được tập huấn',
        denominatorLabel: 'Tổng số',
        disaggregation: 'sex',
        aggregation: 'sum',
        threshold: 1,
      });
      const plan = await services.plans.create(
        actor,
        province.id,
        emptyPlanContent('Kế hoạch tập huấn', 2025),
      );
      const schedule = await services.schedules.createSchedule(actor, {
        planId: plan.id,
        dutyIndex: null,
        name: 'Báo cáo năm',
        frequency: 'annual',
        dueRule: '11-10',
        fromYear: 2025,
        toYear: 2025,
        leadDays: 5,
        unitTypes: ['grassroots'],
        form: {
          name: 'Biểu',
          indicators: [{ indicatorId: ratio.id, required: true }],
          sections: [...DEFAULT_SECTIONS],
          allowAttachments: true,
        },
      });
      const periodId = schedule.periods[0]!.id;
      const template = await services.reportExcel.template(actor, periodId, { parentId: province.id });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.data as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Báo cáo')!;
      const rows = COMMUNES * GRASSROOTS_PER_COMMUNE;
      // from row 9 (heading, two header rows, key row); per sex: trained, all; then the narrative
      for (let r = 9; r < 9 + rows; r++) {
        const row = sheet.getRow(r);
        row.getCell(3).value = 9;
        row.getCell(4).value = 10;
        row.getCell(6).value = 4;
        row.getCell(7).value = 4;
        row.getCell(9).value = 5;
        row.getCell(10).value = 6;
        row.getCell(12).value = narrativeOf(r);
      }
      const imported = await services.reportExcel.import(
        actor,
        periodId,
        Buffer.from(await workbook.xlsx.writeBuffer()),
        true,
        { submit: true },
      );
      if (!imported.applied || imported.submitted !== rows)
        throw new Error(`import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);

      let bytes = 0;
      const whole = await timeRuns(5, async () => {
        bytes = (await services.consolidated.docx(actor, periodId, province.id)).data.length;
      });
      const report = await services.consolidated.compile(actor, periodId, province.id);
      const only = await timeRuns(5, async () => {
        await renderConsolidatedDocx(report, { place: 'Thử', date: '2025-11-10', symbolSuffix: 'BC-LĐLĐ' });
      });
      const scale = {
        communes: COMMUNES,
        grassroots: rows,
        narratives_gathered: report.sections.reduce((n, s) => Math.max(n, s.sources.length), 0),
        not_approved: report.completeness.expected - report.completeness.approved,
        bytes,
        baseline_plan_docx_p50_ms: baselinePlanMs,
      };
      printMeasurement({ name: 'render_consolidated_docx', engine, ...whole, ...scale });
      printMeasurement({ name: 'render_consolidated_only', engine: 'docx', ...only, ...scale });
    } finally {
      await dispose();
    }
  }
}
