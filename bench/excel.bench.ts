import ExcelJS from 'exceljs';
import { DEFAULT_SECTIONS } from '../contracts/reporting.ts';
import { readWorkbookRows, readWorkbookRowsWithExcelJS } from '../documents/sheets/read-workbook.ts';
import { emptyPlanContent } from '../domain/plans/empty-plan.ts';
import { SYSTEM_ACTOR } from '../server/services/actor.ts';
import { createServices } from '../server/services/services.ts';
import { addGrassrootsUnits, benchEngines, openBenchDatabase } from './bench-database.ts';
import { cpuGaugeMs, printMeasurement, timeRuns } from './measure.ts';

const ROWS = 5000;

/**
 * `excel_import_5000`: a filled template of 5,000 units read (in the worker), checked and saved in
 * one transaction, with the machine's CPU gauge of the same run; `excel_parse_5000`: the same file
 * read in-process from its XML beside ExcelJS's reading of it (the reader used before), same run.
 */
export async function run(): Promise<void> {
  for (const engine of benchEngines()) {
    const { database, dispose } = await openBenchDatabase(engine);
    try {
      const services = createServices(
        database,
        { sessionTtlHours: 1 },
        () => new Date('2025-11-01T03:00:00Z'),
      );
      const actor = SYSTEM_ACTOR;
      const top = await services.orgChange.create(actor, {
        code: 'TOP',
        name: 'Liên đoàn Lao động tỉnh',
        type: 'province',
        parentId: null,
        effectiveDate: '2020-01-01',
      });
      await addGrassrootsUnits(database, top.id, ROWS, 'X');
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
      const plan = await services.plans.create(actor, top.id, emptyPlanContent('Kế hoạch', 2025));
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
      const template = await services.reportExcel.template(actor, periodId, { parentId: top.id });
      // one file per run, each saying something else: a file identical to what is stored saves nothing
      const files: Buffer[] = [];
      for (const version of [1, 2, 3]) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(template.data as unknown as ArrayBuffer);
        const sheet = workbook.getWorksheet('Báo cáo')!;
        // from row 9 (heading, two header rows, key row); per sex: trained, all, their % (a formula)
        for (let r = 9; r < 9 + ROWS; r++) {
          const row = sheet.getRow(r);
          row.getCell(3).value = 9;
          row.getCell(4).value = 10;
          row.getCell(6).value = 4;
          row.getCell(7).value = 4;
          row.getCell(9).value = 5;
          row.getCell(10).value = 6;
          row.getCell(12).value = `Đã tổ chức tập huấn cho cán bộ chủ chốt (bản ${version}).`;
        }
        files.push(Buffer.from(await workbook.xlsx.writeBuffer()));
      }
      let run = 0;
      const timing = await timeRuns(
        3,
        async () => {
          const result = await services.reportExcel.import(
            actor,
            periodId,
            files[run++ % files.length]!,
            true,
          );
          if (!result.applied || result.reports !== ROWS)
            throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
        },
        0,
      );
      printMeasurement({
        name: 'excel_import_5000',
        engine,
        ...timing,
        rows: ROWS,
        goal_ms: 3000,
        cpu_gauge_ms: cpuGaugeMs(),
      });
      const xml = await timeRuns(3, () => readWorkbookRows(files[0]!));
      const exceljs = await timeRuns(3, () => readWorkbookRowsWithExcelJS(files[0]!));
      printMeasurement({
        name: 'excel_parse_5000',
        engine: 'xml',
        ...xml,
        rows: ROWS,
        baseline_exceljs_p50_ms: exceljs.p50_ms,
      });
    } finally {
      await dispose();
    }
  }
}
