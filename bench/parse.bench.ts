/**
 * Document reader timings: per seed text (goal ≤ 20 ms median), a 1 MB text (goal ≤ 1 s),
 * and, when the tools are there, a DOCX, a text PDF (chromium) and one OCR'd page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import { parsePlanDocument, parsePlanFile } from '../documents/parse/parse-plan-document.ts';
import { printMeasurement, timeRuns } from './measure.ts';

const seedDir = fileURLToPath(new URL('../resources/seeds/', import.meta.url));
const has = (program: string): boolean => spawnSync('which', [program]).status === 0;

function printPdf(html: string, pdf: string, profile: string): void {
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      html,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export async function run(): Promise<void> {
  const seeds = readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(seedDir, f), 'utf8') }));

  // median over the seeds of each seed's median time
  const perSeed: number[] = [];
  for (const seed of seeds) {
    const t = await timeRuns(30, () => parsePlanDocument(seed.text, { source: seed.name }), 3);
    perSeed.push(t.p50_ms);
  }
  perSeed.sort((a, b) => a - b);
  printMeasurement({
    name: 'parse_seed_text',
    engine: 'node',
    p50_ms: perSeed[Math.floor(perSeed.length / 2)] ?? Number.NaN,
    p95_ms: perSeed.at(-1) ?? Number.NaN,
    n: seeds.length,
    goal_ms: 20,
  });

  let big = '';
  for (let k = 0; big.length < 1_000_000; k++) big += `${seeds[k % seeds.length]!.text}\n`;
  const t1mb = await timeRuns(5, () => parsePlanDocument(big, { source: '1mb.txt' }), 1);
  printMeasurement({ name: 'parse_1mb_text', engine: 'node', ...t1mb, bytes: big.length, goal_ms: 1000 });

  const dir = mkdtempSync(join(tmpdir(), 'tiendo-bench-'));
  try {
    const seed = seeds.find((s) => s.name.startsWith('004')) ?? seeds[0]!;
    const docxPath = join(dir, 'seed.docx');
    const doc = new Document({
      sections: [{ children: seed.text.split('\n').map((l) => new Paragraph(l)) }],
    });
    writeFileSync(docxPath, await Packer.toBuffer(doc));
    printMeasurement({
      name: 'parse_docx',
      engine: 'mammoth',
      ...(await timeRuns(10, () => parsePlanFile(docxPath), 1)),
    });

    if (has('chromium')) {
      const html = join(dir, 'seed.html');
      const body = seed.text
        .split('\n')
        .map((l) => `<p>${escapeHtml(l)}</p>`)
        .join('');
      writeFileSync(html, `<meta charset="utf-8"><body style="font:14px serif">${body}</body>`);
      const pdf = join(dir, 'seed.pdf');
      printPdf(html, pdf, join(dir, 'chrome'));
      printMeasurement({
        name: 'parse_text_pdf',
        engine: 'pdfjs-dist',
        ...(await timeRuns(10, () => parsePlanFile(pdf), 1)),
      });
      if (has('tesseract') && has('pdftoppm')) {
        const onePage = join(dir, 'page.html');
        writeFileSync(
          onePage,
          `<meta charset="utf-8"><body style="font:14px serif">${body.slice(0, 3000)}</body>`,
        );
        const scanPdf = join(dir, 'page.pdf');
        printPdf(onePage, scanPdf, join(dir, 'chrome2'));
        execFileSync('pdftoppm', [
          '-r',
          '300',
          '-gray',
          '-png',
          '-singlefile',
          '-f',
          '1',
          '-l',
          '1',
          scanPdf,
          join(dir, 'scan'),
        ]);
        const png = join(dir, 'scan.png');
        printMeasurement({
          name: 'parse_ocr_page',
          engine: 'tesseract',
          ...(await timeRuns(2, () => parsePlanFile(png), 0)),
        });
      } else process.stderr.write('bench parse: tesseract or pdftoppm missing, OCR figure skipped\n');
    } else process.stderr.write('bench parse: chromium missing, PDF and OCR figures skipped\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
