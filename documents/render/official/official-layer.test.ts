import { describe, expect, it } from 'vitest';
import { renderConsolidatedDocx } from '../consolidated-report.docx.ts';
import { unzip } from '../docx-xml.ts';
import { renderPlanDocx } from '../render-plan.docx.ts';
import { sampleConsolidatedReport } from '../sample-consolidated-report.ts';
import { samplePlan } from '../sample-plan.ts';
import { STYLE } from './page.ts';

const partsOf = async (docx: Promise<Buffer>) => {
  const files = unzip(await docx);
  return {
    document: files.get('word/document.xml')!.toString('utf8'),
    styles: files.get('word/styles.xml')!.toString('utf8'),
  };
};

/** The header table: the first table of the body, and its rows' texts. */
const headerRows = (xml: string): string[] => {
  const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(' '),
  );
};

describe('one official layer for every paper', () => {
  const papers = {
    plan: () => partsOf(renderPlanDocx(samplePlan())),
    consolidated: () =>
      partsOf(
        renderConsolidatedDocx(sampleConsolidatedReport, {
          place: 'Lai Châu',
          date: '2025-11-10',
          symbolSuffix: 'BC-LĐLĐ',
        }),
      ),
  };

  for (const [name, render] of Object.entries(papers)) {
    it(`${name}: body and headings in the paper's named Word styles, not direct formatting`, async () => {
      const { document, styles } = await render();
      expect(styles).toContain(`w:styleId="${STYLE.body}"`);
      expect(styles).toContain('<w:name w:val="Nội dung"/>');
      expect(styles).toContain(`w:styleId="${STYLE.heading}"`);
      expect(document).toContain(`<w:pStyle w:val="${STYLE.body}"/>`);
      expect(document).toContain(`<w:pStyle w:val="${STYLE.heading}"/>`);
      // the justified body is the style's, so no body paragraph repeats it
      const bodyParagraphs = [
        ...document.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="NoiDung"\/>[\s\S]*?<\/w:p>/g),
      ];
      expect(bodyParagraphs.length).toBeGreaterThan(3);
      for (const p of bodyParagraphs) expect(p[0]).not.toContain('<w:jc ');
    });

    it(`${name}: the same header — bodies and motto, then number and date; A4 with Decree 30 margins`, async () => {
      const { document } = await render();
      const [first, second] = headerRows(document);
      expect(first).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(first).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(second).toMatch(/^Số/);
      expect(second).toMatch(/ngày/);
      expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
      expect(document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
      expect(document).toContain('Nơi nhận:');
    });
  }
});
