import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromExtract, type PlanForRender, readPlanExtract } from '../documents/render/plan-for-render.ts';
import { convertDocxToPdf, hasLibreOffice } from '../documents/render/render-pdf.ts';
import { renderPlanDocx } from '../documents/render/render-plan.docx.ts';
import { samplePlan } from '../documents/render/sample-plan.ts';
import { printMeasurement, timeRuns } from './measure.ts';
import { consolidatedAtProvinceScale } from './render-province.ts';

const GOLD = fileURLToPath(new URL('../../shared/gold/004_59893a27bd211b8d.json', import.meta.url));
// 004's tasks repeated this many times make a 10-page plan (measured through LibreOffice)
const TASK_COPIES = 24;

/** A ~10-page plan: a gold plan (or the sample plan without ../shared) with its tasks repeated. */
export function longPlan(): PlanForRender {
  const base = existsSync(GOLD)
    ? fromExtract(readPlanExtract(JSON.parse(readFileSync(GOLD, 'utf8'))).documents[0]!)
    : samplePlan();
  const tasks = Array.from({ length: TASK_COPIES }, (_, copy) =>
    base.tasks.map((task, k) => ({
      ...task,
      lead: task.lead ?? (k % 2 === 0 ? 'Ban Tuyên giáo - Nữ công' : null),
      deadline: task.deadline ?? (copy % 3 === 0 ? `${2025 + (copy % 5)}-12-31` : null),
    })),
  ).flat();
  return { ...base, tasks };
}

/**
 * render_plan_docx: a ~10-page plan to DOCX (goal p50 ≤ 300 ms);
 * render_consolidated_docx: a province's consolidated report (100 communes, 3,000 grassroots
 * unions that reported) gathered from the database and written as DOCX, beside the plan's figure
 * of the same run;
 * render_plan_pdf: the plan's DOCX through LibreOffice, when soffice is installed.
 */
export async function run(): Promise<void> {
  const plan = longPlan();
  let bytes = 0;
  const docx = await timeRuns(20, async () => {
    bytes = (await renderPlanDocx(plan)).length;
  });
  printMeasurement({
    name: 'render_plan_docx',
    engine: 'docx',
    ...docx,
    tasks: plan.tasks.length,
    bytes,
    goal_p50_ms: 300,
  });
  await consolidatedAtProvinceScale(docx.p50_ms);
  if (!(await hasLibreOffice())) {
    process.stderr.write(
      'bench: render_plan_pdf skipped — soffice (libreoffice-writer-nogui) is not installed\n',
    );
    return;
  }
  const file = await renderPlanDocx(plan);
  let pages = 0;
  const pdf = await timeRuns(
    5,
    async () => {
      const out = await convertDocxToPdf(file);
      pages = out.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    },
    1,
  );
  printMeasurement({ name: 'render_plan_pdf', engine: 'libreoffice', ...pdf, pages });
}
