import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { fromExtract, readPlanExtract } from '../../documents/render/plan-for-render.ts';
import { renderPlanDocx } from '../../documents/render/render-plan.docx.ts';

/** `plan.docx` → `plan.pdf`, beside it. */
function pdfPathFor(docxPath: string): string {
  return join(dirname(docxPath), `${basename(docxPath, extname(docxPath))}.pdf`);
}

function fail(message: string): void {
  process.stderr.write(`tiendo render: ${message}\n`);
  process.exitCode = 2;
}

/** `tiendo render plan ID`: a stored plan, read as the system (the CLI runs on the server). */
async function renderStoredPlan(id: number, options: { out?: string; pdf?: boolean }): Promise<void> {
  if (!Number.isInteger(id) || id <= 0) {
    fail('ID phải là số nguyên dương');
    return;
  }
  const { withDatabase } = await import('./with-database.ts');
  const { SYSTEM_ACTOR } = await import('../../server/services/actor.ts');
  await withDatabase(async (services) => {
    const file = options.pdf
      ? await services.planRender.pdf(SYSTEM_ACTOR, id)
      : await services.planRender.docx(SYSTEM_ACTOR, id);
    const out = options.out ?? file.fileName;
    await writeFile(out, file.data);
    process.stdout.write(`${out}\n`);
  });
}

/** `tiendo render FILE.json --out plan.docx [--pdf]`: a plan-extract/v1 file as an official document. */
export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description(
      'Trình bày một tệp plan-extract/v1 thành văn bản DOCX (và PDF) theo thể thức Nghị định 30/2020',
    )
    .argument(
      '<file>',
      'tệp JSON plan-extract/v1 (mọi văn bản trong tệp, mỗi văn bản từ một trang mới), hoặc "plan"',
    )
    .argument('[id]', 'với "plan": số của kế hoạch đã lưu (tiendo render plan ID --out …)')
    .option('-o, --out <path>', 'tệp DOCX cần ghi (mặc định: cùng tên với tệp JSON)')
    .option('--pdf', 'ghi thêm tệp PDF bên cạnh tệp DOCX (cần LibreOffice)')
    .action(async (file: string, id: string | undefined, options: { out?: string; pdf?: boolean }) => {
      if (file === 'plan' && id !== undefined) {
        await renderStoredPlan(Number(id), options);
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        fail(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        return;
      }
      let documents: ReturnType<typeof fromExtract>[];
      try {
        documents = readPlanExtract(raw).documents.map(fromExtract);
      } catch (error) {
        const detail =
          error instanceof ZodError
            ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
            : String(error);
        fail(`${file} is not plan-extract/v1 (${detail})`);
        return;
      }
      if (documents.length === 0) {
        fail(`${file} holds no document`);
        return;
      }
      const out = options.out ?? join(dirname(file), `${basename(file, extname(file))}.docx`);
      const docx = await renderPlanDocx(documents);
      await writeFile(out, docx);
      process.stdout.write(`${out}\n`);
      if (options.pdf) {
        const { convertDocxToPdf } = await import('../../documents/render/render-pdf.ts');
        const pdfPath = pdfPathFor(out);
        try {
          await writeFile(pdfPath, await convertDocxToPdf(docx));
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
          return;
        }
        process.stdout.write(`${pdfPath}\n`);
      }
    });
}
