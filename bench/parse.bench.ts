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
import { readInput, sniffInput } from '../documents/parse/read-input.ts';
import { readPdf } from '../documents/parse/read-pdf.ts';
import { cpuGaugeMs, printMeasurement, timeRuns } from './measure.ts';

const seedDir = fileURLToPath(new URL('../resources/seeds/', import.meta.url));
const corpusDirs = ['tune', 'measure'].map((part) =>
  fileURLToPath(new URL(`../resources/corpus/${part}/docs/`, import.meta.url)),
);
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

function pagesOf(path: string): number {
  if (!path.endsWith('.pdf')) return 1;
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 1);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : Math.round(sorted[Math.floor(sorted.length / 2)]! * 100) / 100;
};

/**
 * The real corpus (resources/corpus), file by file as an officer would upload them: the median time
 * per text document, per DOCX, per page of a PDF with a text layer and per scanned page (scanned
 * PDFs, screenshots, photos), each printed beside the machine's speed gauge measured in the same run.
 */
async function corpusMedians(gauge: number): Promise<void> {
  const files = corpusDirs.flatMap((dir) => readdirSync(dir).map((f) => join(dir, f)));
  const groups: Record<string, number[]> = { text: [], docx: [], pdf_page: [], scan_page: [] };
  for (const path of files) {
    const bytes = readFileSync(path);
    const kind = sniffInput(bytes);
    const start = performance.now();
    let text: string;
    try {
      text = await readInput(path);
    } catch (error) {
      process.stderr.write(
        `bench parse: ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      continue;
    }
    parsePlanDocument(text, { source: path });
    const ms = performance.now() - start;
    if (kind === 'text') groups.text!.push(ms);
    else if (kind === 'docx' || kind === 'doc') groups.docx!.push(ms);
    else if (kind === 'image') groups.scan_page!.push(ms);
    else if (kind === 'pdf') {
      const pages = pagesOf(path);
      const pdf = await readPdf(bytes);
      const scanned = pdf.imageOnly || pdf.garbledPages.length > 0;
      (scanned ? groups.scan_page! : groups.pdf_page!).push(ms / pages);
    }
  }
  const goals: Record<string, number> = { text: 20, docx: 1000, pdf_page: 1000, scan_page: 5000 };
  for (const [group, times] of Object.entries(groups)) {
    printMeasurement({
      name: `parse_corpus_${group}`,
      engine: 'node',
      p50_ms: median(times),
      p95_ms: times.length === 0 ? Number.NaN : Math.round(Math.max(...times) * 100) / 100,
      n: times.length,
      goal_ms: goals[group],
      cpu_gauge_ms: gauge,
    });
  }
}

export async function run(): Promise<void> {
  const gauge = cpuGaugeMs();
  if (has('tesseract') && has('pdftoppm')) await corpusMedians(gauge);
  else process.stderr.write('bench parse: tesseract or pdftoppm missing, corpus figures skipped\n');

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
