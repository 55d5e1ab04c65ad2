import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TExtractedDocument, TPlanExtract } from '../../contracts/plan-extract.ts';
import { parsePlanFile } from '../parse/parse-plan-document.ts';
import { renderConsolidatedDocx } from './consolidated-report.docx.ts';
import { docxParagraphs, paragraphsOf, unzip } from './docx-xml.ts';
import {
  fromExtract,
  headerDate,
  layoutOf,
  type PlanForRender,
  preambleFromReferences,
  readPlanExtract,
} from './plan-for-render.ts';
import { eventSentence, formatNumber, reportingSentence, targetSentence } from './plan-sentences.ts';
import { convertDocxToPdf, hasLibreOffice } from './render-pdf.ts';
import { renderPlanDocx } from './render-plan.docx.ts';
import { sampleConsolidatedReport, sampleProvinceReport } from './sample-consolidated-report.ts';
import { samplePlan } from './sample-plan.ts';

const run = promisify(execFile);
/** Page 1 of each official paper as PNG, for a person to look at before signing (kept by CI). */
const PAPERS_DIR = fileURLToPath(new URL('../../artifacts/papers/', import.meta.url));

// tests run from a clean clone with ../shared beside the repository
const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
const GOLD_DIR = join(SHARED, 'gold');
const SCORER = join(SHARED, 'eval', 'score-extract.mjs');
const HAS_GOLD = existsSync(GOLD_DIR);

function emptyDocument(overrides: Partial<PlanForRender> = {}): PlanForRender {
  return {
    kind: 'KH',
    symbol: null,
    issuer: null,
    place: null,
    date: null,
    title: null,
    addressees: [],
    signer: null,
    references: [],
    targets: [],
    tasks: [],
    assignments: [],
    reporting: [],
    recipients: [],
    events: [],
    ...overrides,
  };
}

describe('renderPlanDocx: the file', () => {
  let files: Map<string, Buffer>;
  let documentXml: string;
  let paragraphs: string[];

  beforeAll(async () => {
    const buffer = await renderPlanDocx(samplePlan());
    expect(buffer.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    files = unzip(buffer);
    documentXml = files.get('word/document.xml')!.toString('utf8');
    paragraphs = paragraphsOf(documentXml, files.get('word/numbering.xml')?.toString('utf8'));
  });

  it('is a DOCX package', () => {
    expect(files.has('[Content_Types].xml')).toBe(true);
    expect(files.has('word/document.xml')).toBe(true);
    expect(files.has('word/styles.xml')).toBe(true);
  });

  it('is A4 portrait with the Decree 30 margins', () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    const margin = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(documentXml);
    expect(margin).not.toBeNull();
    const [top, right, bottom, left] = margin!.slice(1).map((v) => (Number(v) * 25.4) / 1440);
    expect(top).toBeGreaterThanOrEqual(19.9);
    expect(top).toBeLessThanOrEqual(25.1);
    expect(bottom).toBeGreaterThanOrEqual(19.9);
    expect(bottom).toBeLessThanOrEqual(25.1);
    expect(left).toBeGreaterThanOrEqual(29.9);
    expect(left).toBeLessThanOrEqual(35.1);
    expect(right).toBeGreaterThanOrEqual(14.9);
    expect(right).toBeLessThanOrEqual(20.1);
  });

  it('sets Times New Roman everywhere, in black, with no blue in any style', () => {
    const styles = files.get('word/styles.xml')!.toString('utf8');
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    const fonts = [...documentXml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    expect(new Set(fonts)).toEqual(new Set(['Times New Roman']));
    for (const xml of [documentXml, styles]) {
      const colours = [...xml.matchAll(/<w:color w:val="([^"]+)"/g)].map((m) => m[1]);
      expect(colours.every((c) => c === '000000' || c === 'auto')).toBe(true);
    }
    expect(`${documentXml}${styles}`).not.toMatch(/2E74B5|1F3763|0563C1|4472C4|themeColor="accent/i);
  });

  it('writes the two-column header', () => {
    for (const line of [
      'TỔNG LĐLĐ VIỆT NAM',
      // broken before the place, not wherever Word runs out of room
      'LIÊN ĐOÀN LAO ĐỘNG\nTỈNH LAI CHÂU',
      'Số: 72/KH-LĐLĐ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lai Châu, ngày 10 tháng 5 năm 2024',
      'KẾ HOẠCH',
    ]) {
      expect(paragraphs).toContain(line);
    }
    // borderless
    const tableBorders = [...documentXml.matchAll(/<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/g)].map(
      (m) => m[1]!,
    );
    expect(tableBorders.length).toBeGreaterThan(0);
    expect(tableBorders.filter((b) => /w:val="(?!none)/.test(b))).toEqual([]);
  });

  it('numbers the sections and writes targets, tasks, assignments and reports as sentences', () => {
    const body = paragraphs.join('\n');
    expect(body).toMatch(/^I\. MỤC ĐÍCH, YÊU CẦU$/m);
    expect(body).toMatch(/^II\. MỤC TIÊU$/m);
    expect(body).toMatch(/^III\. NHIỆM VỤ, GIẢI PHÁP$/m);
    expect(body).toMatch(/^VI\. TỔ CHỨC THỰC HIỆN$/m);
    expect(body).toContain(
      '- Phấn đấu đến năm 2025 đạt trên 90% và đến năm 2030 đạt trên 95% cán bộ chủ chốt',
    );
    expect(body).toContain('- Hằng năm, mỗi công đoàn cơ sở tổ chức ít nhất một hoạt động');
    expect(body).toContain('Đơn vị chủ trì: Ban Tuyên giáo.');
    expect(body).toContain('Thời gian hoàn thành: 31/12/2024.');
    expect(body).toContain('1. Liên đoàn Lao động tỉnh: Xây dựng Kế hoạch');
    expect(body).toContain(
      'Báo cáo kết quả thực hiện hằng năm gửi về Liên đoàn Lao động tỉnh (qua Ban Tuyên giáo - Nữ công) trước ngày 10/11.',
    );
    expect(body).toContain('- Hưởng ứng Tháng hành động vì trẻ em từ ngày 01/06 đến ngày 30/06.');
  });

  it('closes with "Nơi nhận" and the signature block', () => {
    expect(paragraphs).toContain('Nơi nhận:');
    expect(paragraphs).toContain('- Tỉnh ủy Lai Châu (b/c);');
    expect(paragraphs).toContain('- Lưu: TgNc, VT.');
    expect(paragraphs).toContain('TM. BAN THƯỜNG VỤ');
    expect(paragraphs).toContain('PHÓ CHỦ TỊCH');
    expect(paragraphs).toContain('Lê Thị Hoa');
  });

  it('numbers pages in the header, none on the first page', () => {
    expect(documentXml).toContain('<w:titlePg/>');
    const headers = [...files.keys()].filter((name) => /^word\/header\d+\.xml$/.test(name));
    const withPage = headers.filter((name) => /PAGE/.test(files.get(name)!.toString('utf8')));
    expect(withPage).toHaveLength(1);
    expect(documentXml).toMatch(/<w:headerReference w:type="first"/);
  });
});

describe('renderPlanDocx: variants', () => {
  const textOf = async (plans: PlanForRender | PlanForRender[]): Promise<string> =>
    docxParagraphs(await renderPlanDocx(plans)).join('\n');

  it('leaves out what is null and never prints "null"', async () => {
    const text = await textOf(emptyDocument({ title: 'Tổ chức Tháng Công nhân' }));
    expect(text).not.toMatch(/null|undefined|Số:|Nơi nhận/);
    expect(text).toContain('KẾ HOẠCH');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('writes a công văn with its V/v line and Kính gửi', async () => {
    const text = await textOf(
      emptyDocument({
        kind: 'CV',
        symbol: '5732/VP-KGVX',
        issuer: 'Văn phòng Ủy ban nhân dân tỉnh Kiên Giang',
        title: 'V/v thực hiện Chương trình phòng ngừa lao động trẻ em',
        addressees: ['Sở Lao động - Thương binh và Xã hội', 'Sở Y tế'],
        tasks: [{ text: 'Giao Sở Y tế chủ trì tham mưu', deadline: '2021-08-31', lead: null }],
      }),
    );
    expect(text).toContain('Số: 5732/VP-KGVX');
    expect(text).toContain('V/v thực hiện Chương trình phòng ngừa lao động trẻ em');
    expect(text).not.toContain('KẾ HOẠCH');
    expect(text).toMatch(/^Kính gửi:$/m);
    expect(text).toMatch(/^- Sở Lao động - Thương binh và Xã hội;$/m);
    expect(text).toMatch(/^- Sở Y tế\.$/m);
    expect(text).toContain('1. Giao Sở Y tế chủ trì tham mưu.');
    expect(text).not.toMatch(/NHIỆM VỤ/);
  });

  it('writes a Party document with the Party name and T/M', async () => {
    const plan = emptyDocument({
      kind: 'CT',
      symbol: '28-CT/TW',
      issuer: 'Ban Chấp hành Trung ương Đảng',
      place: 'Hà Nội',
      date: '2023-12-25',
      signer: { authority: 'TM.', on_behalf_of: 'BỘ CHÍNH TRỊ', title: null, name: 'Nguyễn Văn A' },
    });
    expect(layoutOf(plan)).toBe('party');
    const text = await textOf(plan);
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Số 28-CT/TW');
    expect(text).toContain('T/M BỘ CHÍNH TRỊ');
    expect(text).toContain('CHỈ THỊ');
  });

  it('renders several documents, each from a new page section numbered from 1', async () => {
    const buffer = await renderPlanDocx([samplePlan(), emptyDocument({ issuer: 'Công đoàn ngành Y tế' })]);
    const xml = unzip(buffer).get('word/document.xml')!.toString('utf8');
    expect(xml.match(/<w:sectPr/g)).toHaveLength(2);
    expect(xml.match(/<w:pgNumType w:start="1"/g)).toHaveLength(2);
  });

  it('refuses an empty list', async () => {
    await expect(renderPlanDocx([])).rejects.toThrow(/no document/);
  });
});

describe('sentences', () => {
  it('writes each comparator with the words plans use', () => {
    const t = (op: '>' | '>=' | '<' | '<=' | '=', value = 90) =>
      targetSentence({ text: 'đoàn viên được tập huấn', milestones: [{ year: 2025, op, value, unit: '%' }] });
    expect(t('>')).toBe('Phấn đấu đến năm 2025 đạt trên 90% đoàn viên được tập huấn.');
    expect(t('>=')).toBe('Phấn đấu đến năm 2025 đạt từ 90% trở lên đoàn viên được tập huấn.');
    expect(t('=')).toBe('Phấn đấu đến năm 2025 đạt 90% đoàn viên được tập huấn.');
    expect(t('<', 5)).toBe('Phấn đấu đến năm 2025 còn dưới 5% đoàn viên được tập huấn.');
    expect(t('<=', 5)).toBe('Phấn đấu đến năm 2025 ở mức không quá 5% đoàn viên được tập huấn.');
  });

  it('writes yearly and counted targets', () => {
    expect(
      targetSentence({
        text: 'Tỷ lệ nữ tham gia ban chấp hành',
        milestones: [{ year: null, recurrence: 'annual', op: '>=', value: 30.5, unit: '%' }],
      }),
    ).toBe('Phấn đấu hằng năm đạt từ 30,5% trở lên tỷ lệ nữ tham gia ban chấp hành.');
    expect(
      targetSentence({
        text: 'mô hình điểm về chăm sóc trẻ em',
        milestones: [{ year: 2030, op: '>=', value: 1500, unit: 'mô hình' }],
      }),
    ).toBe('Mô hình điểm về chăm sóc trẻ em: phấn đấu đến năm 2030 ít nhất 1.500 mô hình.');
    expect(formatNumber(2.25)).toBe('2,25');
  });

  it('writes every reporting frequency', () => {
    const to = 'Liên đoàn Lao động tỉnh';
    expect(reportingSentence({ frequency: 'annual', due: '11-10', to })).toBe(
      'Báo cáo kết quả thực hiện hằng năm gửi về Liên đoàn Lao động tỉnh trước ngày 10/11.',
    );
    expect(reportingSentence({ frequency: 'semiannual', due: '06-15', to: null })).toBe(
      'Báo cáo kết quả thực hiện 6 tháng trước ngày 15/06.',
    );
    expect(reportingSentence({ frequency: 'quarterly', due: '20', to: null })).toBe(
      'Báo cáo kết quả thực hiện hằng quý trước ngày 20 tháng cuối quý.',
    );
    expect(reportingSentence({ frequency: 'monthly', due: '25', to: null })).toBe(
      'Báo cáo kết quả thực hiện hằng tháng trước ngày 25.',
    );
    expect(reportingSentence({ frequency: 'periodic', due: null, to })).toBe(
      'Định kỳ báo cáo kết quả thực hiện gửi về Liên đoàn Lao động tỉnh.',
    );
    expect(reportingSentence({ frequency: 'on_request', due: null, to: null })).toBe(
      'Báo cáo đột xuất khi có yêu cầu.',
    );
    expect(reportingSentence({ frequency: 'once', due: '2025-12-16', to: null })).toBe(
      'Báo cáo kết quả thực hiện trước ngày 16/12/2025.',
    );
  });

  it('dates events and the header', () => {
    expect(eventSentence({ name: 'Tháng hành động quốc gia về dân số', start: '12-01', end: '12-31' })).toBe(
      'Tháng hành động quốc gia về dân số từ ngày 01/12 đến ngày 31/12.',
    );
    expect(eventSentence({ name: 'Ngày Quốc tế Thiếu nhi', start: '06-01', end: '06-01' })).toBe(
      'Ngày Quốc tế Thiếu nhi (ngày 01/06).',
    );
    expect(headerDate('2024-05-10')).toBe('ngày 10 tháng 5 năm 2024');
    expect(headerDate('2021-02-04')).toBe('ngày 04 tháng 02 năm 2021');
  });

  it('opens with the documents a plan implements', () => {
    const doc = emptyDocument({
      issuer: 'Công đoàn ngành Y tế Thái Bình',
      references: [
        {
          kind: 'KH',
          symbol: '134/KH-LĐLĐ',
          date: '2021-08-23',
          issuer: 'Liên đoàn Lao động tỉnh Thái Bình',
          relation: 'basis',
        },
        { kind: 'NQ', symbol: '21-NQ/TW', date: null, issuer: null, relation: 'cited' },
      ],
    });
    expect(preambleFromReferences(doc)).toBe(
      'Thực hiện Kế hoạch số 134/KH-LĐLĐ ngày 23/08/2021 của Liên đoàn Lao động tỉnh Thái Bình, Công đoàn ngành Y tế Thái Bình xây dựng Kế hoạch thực hiện như sau:',
    );
    expect(fromExtract(doc).closing).toEqual(['Văn bản liên quan: Nghị quyết số 21-NQ/TW.']);
    expect(preambleFromReferences(emptyDocument())).toBeNull();
  });

  it('reads gold files: first alternative, optional items left out', () => {
    const extract = readPlanExtract({
      format: 'plan-extract/v1',
      source: 'x.txt',
      documents: [
        {
          ...emptyDocument(),
          signer: {
            authority: 'KT.',
            on_behalf_of: 'BỘ TRƯỞNG',
            title: ['THỨ TRƯỞNG', 'THỊ TRƯỞNG'],
            name: 'A B',
          },
          references: [{ kind: 'CV', symbol: ['2178/LĐTBXH-TE', '2178/X'], date: null, relation: 'basis' }],
          tasks: [
            { text: 'Một', deadline: null },
            { text: 'Hai', deadline: null, optional: true },
          ],
          assignments: [{ unit: 'Công đoàn ngành' }],
        },
      ],
    });
    const doc = extract.documents[0]!;
    expect(doc.signer?.title).toBe('THỨ TRƯỞNG');
    expect(doc.references[0]!.symbol).toBe('2178/LĐTBXH-TE');
    expect(doc.tasks).toEqual([{ text: 'Một', deadline: null, lead: null }]);
    expect(doc.assignments).toEqual([{ unit: 'Công đoàn ngành', text: '' }]);
  });
});

describe('round trip: render, then read back with the document parser', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiendo-render-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the sample plan back field for field', async () => {
    const plan = samplePlan();
    const path = join(dir, 'sample.docx');
    await writeFile(path, await renderPlanDocx(plan));
    const parsed = (await parsePlanFile(path)).documents;
    expect(parsed).toHaveLength(1);
    const doc = parsed[0]!;
    expect(doc.kind).toBe(plan.kind);
    expect(doc.symbol).toBe(plan.symbol);
    expect(doc.issuer).toBe(plan.issuer);
    expect(doc.place).toBe(plan.place);
    expect(doc.date).toBe(plan.date);
    expect(doc.title).toBe(plan.title);
    expect(doc.signer).toEqual(plan.signer);
    expect(doc.references.map((r) => r.symbol).sort()).toEqual(plan.references.map((r) => r.symbol).sort());
    expect(doc.references.every((r) => r.relation === 'basis')).toBe(true);
    expect(doc.targets.map((t) => t.milestones)).toEqual(plan.targets.map((t) => t.milestones));
    expect(doc.tasks).toEqual(plan.tasks);
    expect(doc.assignments.map((a) => a.unit)).toEqual(plan.assignments.map((a) => a.unit));
    expect(doc.reporting).toEqual(plan.reporting);
    expect(doc.events).toEqual(plan.events);
    expect(doc.recipients).toEqual(plan.recipients);
  });

  it.skipIf(!HAS_GOLD)(
    `every gold file scores ≥ 0.98 with ../shared/eval/score-extract.mjs${HAS_GOLD ? '' : ' — skipped: ../shared/gold is not beside the repository'}`,
    async () => {
      const goldFiles = (await readdir(GOLD_DIR)).filter((f) => f.endsWith('.json')).sort();
      expect(goldFiles.length).toBeGreaterThan(0);
      const goldOut = join(dir, 'gold');
      const predOut = join(dir, 'pred');
      await run('mkdir', ['-p', goldOut, predOut]);
      const exact: string[] = [];
      for (const file of goldFiles) {
        const raw = JSON.parse(await readFile(join(GOLD_DIR, file), 'utf8')) as Record<string, unknown>;
        const gold: TPlanExtract = readPlanExtract(raw);
        const name = file.replace(/\.json$/, '');
        const docx = join(dir, `${name}.docx`);
        // a file holding several documents is rendered as one DOCX, a section for each
        await writeFile(docx, await renderPlanDocx(gold.documents.map(fromExtract)));
        const parsed = await parsePlanFile(docx);
        await writeFile(join(predOut, file), JSON.stringify(parsed));
        await writeFile(join(goldOut, file), JSON.stringify({ ...raw, source: `${name}.docx` }));
        expect(parsed.documents, file).toHaveLength(gold.documents.length);
        gold.documents.forEach((g: TExtractedDocument, k) => {
          const p = parsed.documents[k]!;
          for (const field of ['kind', 'symbol', 'date', 'place'] as const) {
            if (g[field] !== p[field]) exact.push(`${file}#${k + 1} ${field}: ${g[field]} ≠ ${p[field]}`);
          }
        });
      }
      expect(exact).toEqual([]);
      if (!existsSync(SCORER)) return;
      const scores: Record<string, number> = {};
      for (const file of goldFiles) {
        const one = join(dir, `one-${file}`);
        await run('mkdir', ['-p', one]);
        await run('cp', [join(goldOut, file), one]);
        const { stdout } = await run('node', [SCORER, '--gold', one, '--pred', predOut]);
        scores[file] = Number(/score: ([\d.]+)/.exec(stdout)?.[1]);
      }
      const { stdout } = await run('node', [SCORER, '--gold', goldOut, '--pred', predOut, '--verbose']);
      const overall = Number(/score: ([\d.]+)/.exec(stdout)?.[1]);
      console.log(`round-trip scores: ${JSON.stringify(scores)} overall ${overall}`);
      for (const [file, score] of Object.entries(scores)) expect(score, file).toBeGreaterThanOrEqual(0.98);
      expect(overall, stdout).toBeGreaterThanOrEqual(0.98);
    },
  );
});

/** Công đoàn phường Tân Phong's implementing plan: issued with its signer, or still a draft. */
function communePlan(status: 'issued' | 'draft'): PlanForRender {
  return {
    ...samplePlan(),
    supervisingBody: 'Liên đoàn Lao động tỉnh Lai Châu',
    issuer: 'Công đoàn phường Tân Phong',
    place: 'Tân Phong',
    symbol: status === 'issued' ? '3/KH-CĐ' : null,
    date: status === 'issued' ? '2025-08-15' : null,
    signer:
      status === 'issued'
        ? { authority: 'TM.', on_behalf_of: 'Ban Chấp hành', title: 'Chủ tịch', name: 'Lò Văn Minh' }
        : null,
    draft: status === 'draft' ? { symbolSuffix: 'KH-CĐ', year: 2026 } : null,
  };
}

/** The cells of the last table of the document (the closing block), each as its paragraphs. */
function closingCells(xml: string): { paragraphs: string[]; xml: string }[] {
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  const last = tables.at(-1)!;
  return [...last.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => ({
    paragraphs: paragraphsOf(m[0]),
    xml: m[0],
  }));
}

/** The run properties of the run whose text is `text`. */
function runPropertiesOf(xml: string, text: string): string {
  const found = [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].find((m) => m[1]!.includes(`>${text}</w:t>`));
  return found ? (/<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(found[1]!)?.[1] ?? '') : '';
}

describe('renderPlanDocx: the signed paper and the draft (Decree 30)', () => {
  it('signs an issued plan in the right column beside "Nơi nhận"', async () => {
    const xml = unzip(await renderPlanDocx(communePlan('issued')))
      .get('word/document.xml')!
      .toString('utf8');
    const [left, right] = closingCells(xml);
    expect(left!.paragraphs[0]).toBe('Nơi nhận:');
    // authority and the body acted for, title (bold capitals), room to sign, the name (bold)
    expect(right!.paragraphs.filter((p) => p !== '')).toEqual([
      'TM. BAN CHẤP HÀNH',
      'CHỦ TỊCH',
      'Lò Văn Minh',
    ]);
    const blanks = right!.paragraphs.indexOf('Lò Văn Minh') - right!.paragraphs.indexOf('CHỦ TỊCH') - 1;
    expect(blanks).toBeGreaterThanOrEqual(3);
    for (const line of ['TM. BAN CHẤP HÀNH', 'CHỦ TỊCH', 'Lò Văn Minh']) {
      expect(runPropertiesOf(right!.xml, line)).toContain('<w:b/>');
    }
    const paragraphs = paragraphsOf(xml);
    expect(paragraphs).toContain('Tân Phong, ngày 15 tháng 8 năm 2025');
    expect(paragraphs).toContain('CÔNG ĐOÀN\nPHƯỜNG TÂN PHONG');
    expect(paragraphs).not.toContain('DỰ THẢO');
  });

  it('marks a draft "DỰ THẢO", with "Số:      /KH-CĐ" and the year on the date line', async () => {
    const paragraphs = paragraphsOf(
      unzip(await renderPlanDocx(communePlan('draft')))
        .get('word/document.xml')!
        .toString('utf8'),
    ).map((p) => p.replace(/\u00a0/g, ' '));
    expect(paragraphs[0]).toBe('DỰ THẢO');
    expect(paragraphs).toContain('Số:        /KH-CĐ');
    expect(paragraphs).toContain('Tân Phong, ngày     tháng     năm 2026');
    // no signer chosen yet: the right column stays empty, nothing invented
    expect(paragraphs.join('\n')).not.toMatch(/TM\.|null/);
  });
});

const HAS_SOFFICE = await hasLibreOffice();

describe('convertDocxToPdf', () => {
  it.skipIf(!HAS_SOFFICE)(
    `converts a rendered plan${HAS_SOFFICE ? '' : ' — skipped: soffice (libreoffice-writer-nogui) is not installed'}`,
    async () => {
      const pdf = await convertDocxToPdf(await renderPlanDocx(samplePlan()));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages).toBe(2);
      const dir = await mkdtemp(join(tmpdir(), 'tiendo-pdf-test-'));
      try {
        const path = join(dir, 'plan.pdf');
        await writeFile(path, pdf);
        let text: string;
        try {
          text = (await run('pdftotext', ['-layout', path, '-'])).stdout;
        } catch {
          return; // pdftotext (poppler-utils) absent: the page count is all we can check
        }
        const flat = text.replace(/\s+/g, ' ');
        expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        expect(flat).toContain('đạt trên 90% và đến năm 2030 đạt trên 95%');
        expect(flat).toContain('Lê Thị Hoa');
        const [first, second] = text.split('\f');
        // page numbers: none on page 1, "2" alone at the top of page 2
        expect(first!.trimStart().startsWith('TỔNG LĐLĐ VIỆT NAM')).toBe(true);
        expect(second!.trimStart().split('\n')[0]!.trim()).toBe('2');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(!HAS_SOFFICE)(
    `prints the signer on the last page and the issuing unit's place on page 1${HAS_SOFFICE ? '' : ' — skipped: soffice (libreoffice-writer-nogui) is not installed'}`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tiendo-pdf-test-'));
      try {
        const pagesOf = async (plan: PlanForRender | Buffer, name: string): Promise<string[] | null> => {
          const path = join(dir, name);
          const docx = Buffer.isBuffer(plan) ? plan : await renderPlanDocx(plan);
          await writeFile(path, await convertDocxToPdf(docx));
          // page 1 as a picture for a person to look at (CI keeps artifacts/)
          await mkdir(PAPERS_DIR, { recursive: true });
          await run('pdftoppm', [
            '-png',
            '-r',
            '80',
            '-f',
            '1',
            '-l',
            '1',
            '-singlefile',
            path,
            join(PAPERS_DIR, name.replace(/\.pdf$/, '')),
          ]).catch(() => undefined);
          try {
            return (await run('pdftotext', ['-layout', path, '-'])).stdout
              .split('\f')
              .filter((p) => p.trim());
          } catch {
            return null; // pdftotext (poppler-utils) absent
          }
        };
        const issued = await pagesOf(communePlan('issued'), 'issued.pdf');
        if (!issued) return;
        const flat = (page: string) => page.replace(/\s+/g, ' ');
        expect(flat(issued[0]!)).toContain('Tân Phong, ngày 15 tháng 8 năm 2025');
        expect(flat(issued[0]!)).toContain('Số: 3/KH-CĐ');
        // the place name is never broken inside the header column
        expect(issued[0]!).toMatch(/PHƯỜNG TÂN PHONG/);
        const last = issued.at(-1)!;
        // "Nơi nhận" and the signature side by side on the last page
        const signerLine = last.split('\n').find((line) => line.includes('TM. BAN CHẤP HÀNH'));
        expect(signerLine).toMatch(/Nơi nhận:|- /);
        expect(flat(last)).toContain('CHỦ TỊCH');
        expect(flat(last)).toContain('Lò Văn Minh');
        expect(issued.length).toBeGreaterThan(1);
        expect(issued[1]!.trimStart().split('\n')[0]!.trim()).toBe('2');

        const draft = await pagesOf(communePlan('draft'), 'draft.pdf');
        expect(flat(draft![0]!)).toContain('DỰ THẢO');
        expect(flat(draft![0]!)).toMatch(/Số: \/KH-CĐ/);
        expect(flat(draft![0]!)).toMatch(/Tân Phong, ngày tháng năm 2026/);

        // the consolidated report, on the same official layer: place and date, numbered pages, a
        // signature block, and no instruction of the app
        const report = await pagesOf(
          await renderConsolidatedDocx(sampleConsolidatedReport, {
            place: 'Tân Phong',
            date: '2025-11-10',
            symbolSuffix: 'BC-CĐ',
          }),
          'consolidated.pdf',
        );
        const whole = flat(report!.join(' '));
        expect(flat(report![0]!)).toContain('Tân Phong, ngày 10 tháng 11 năm 2025');
        expect(whole).toContain('TM. BAN CHẤP HÀNH');
        expect(whole).toContain('Nơi nhận:');
        expect(whole).not.toMatch(/hãy |bấm |chọn lại/i);

        // a province's report over several pages: numbered from page 2, signed on the last
        const province = await pagesOf(
          await renderConsolidatedDocx(sampleProvinceReport(), {
            place: 'Lai Châu',
            date: '2026-01-15',
            symbolSuffix: 'BC-LĐLĐ',
            signer: {
              authority: 'TM.',
              on_behalf_of: 'Ban Thường vụ',
              title: 'Chủ tịch',
              name: 'Tống Thanh Hải',
            },
          }),
          'consolidated-province.pdf',
        );
        expect(province!.length).toBeGreaterThan(1);
        expect(flat(province![0]!)).toContain('Lai Châu, ngày 15 tháng 01 năm 2026');
        expect(province![0]!.trimStart().split('\n')[0]).not.toMatch(/^\s*1\s*$/);
        for (const [k, page] of province!.slice(1).entries())
          expect(page.trimStart().split('\n')[0]!.trim()).toBe(String(k + 2));
        expect(flat(province!.at(-1)!)).toContain('Tống Thanh Hải');
        expect(flat(province!.join(' '))).toContain('Đã hết năm 2025 mà chưa đạt chỉ tiêu từ 90% trở lên');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    // four LibreOffice conversions on a machine others share
    180_000,
  );

  it('explains how to install LibreOffice when soffice is missing', async () => {
    await expect(
      convertDocxToPdf(Buffer.from('PK'), { soffice: '/nonexistent/soffice-for-test' }),
    ).rejects.toThrow(/libreoffice-writer-nogui fonts-liberation2/);
  });
});
