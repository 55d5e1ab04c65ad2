import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TExtractedDocument, TPlanExtract } from '../../contracts/plan-extract.ts';
import { foldText } from '../../domain/fold-text.ts';
import { restoreDiacritics } from './diacritics.ts';
import { suggestDiacritics } from './suggest-diacritics.ts';

const empty: TExtractedDocument = {
  kind: null,
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
};

const extractOf = (doc: Partial<TExtractedDocument>): TPlanExtract => ({
  format: 'plan-extract/v1',
  source: 'x.txt',
  documents: [{ ...empty, ...doc }],
});

describe('suggestDiacritics', () => {
  const bare =
    'KE HOACH\nThuc hien Chi thi so 28-CT/TW ve cong tac cham soc tre em\nLien doan Lao dong tinh Lai Chau';

  it('offers the restored title, issuer and tasks of a text without diacritics', () => {
    const s = suggestDiacritics(
      bare,
      extractOf({
        title: 'Thuc hien Chi thi so 28-CT/TW ve cong tac cham soc tre em',
        issuer: 'Lien doan Lao dong tinh Lai Chau',
        tasks: [
          { text: 'To chuc tuyen truyen cho doan vien', deadline: null, lead: 'Ban Tuyen giao' },
          { text: '2025', deadline: null, lead: null },
        ],
      }),
      restoreDiacritics,
    );
    expect(s?.suggested).toBe(true);
    const fields = Object.fromEntries((s?.documents[0]?.fields ?? []).map((f) => [f.key, f.restored]));
    expect(fields.title).toBe('Thực hiện Chỉ thị số 28-CT/TW về công tác chăm sóc trẻ em');
    expect(fields.issuer).toBe('Liên đoàn Lao động tỉnh Lai Châu');
    expect(fields['tasks.0.text']).toBe('Tổ chức tuyên truyền cho đoàn viên');
    expect(fields['tasks.0.lead']).toBe('Ban Tuyên giáo');
    expect(fields['tasks.1.text']).toBeUndefined(); // nothing to restore
    expect(s?.sample.startsWith('KẾ HOẠCH\nThực hiện Chỉ thị')).toBe(true);
    expect(s?.confidence).toBeGreaterThan(0.5);
    expect(s?.confidence).toBeLessThanOrEqual(1);
  });

  it('offers nothing for a text with diacritics', () => {
    const accented = 'KẾ HOẠCH\nThực hiện Chỉ thị số 28-CT/TW về công tác chăm sóc trẻ em';
    expect(suggestDiacritics(accented, extractOf({ title: 'Thuc hien' }), restoreDiacritics)).toBeUndefined();
  });

  it('restores the fields of a whole plan read without diacritics', async () => {
    const { parsePlanDocument } = await import('../parse/parse-plan-document.ts');
    const seed = readFileSync(
      new URL('../../resources/seeds/000_67631e6a61cea5fb.txt', import.meta.url),
      'utf8',
    );
    const stripped = seed
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D');
    const s = suggestDiacritics(
      stripped,
      parsePlanDocument(stripped, { source: 'x.txt' }),
      restoreDiacritics,
    );
    const fields = s?.documents[0]?.fields ?? [];
    expect(fields.length).toBeGreaterThan(3);
    for (const f of fields) expect(foldText(f.restored)).toBe(foldText(f.original));
    const title = fields.find((f) => f.key === 'title');
    expect(title?.restored).toContain('phòng ngừa, giảm thiểu trẻ em lao động');
  });
});

describe('diacriticsOfParse', () => {
  it('adds the suggestion to a parse result only when the text lacks diacritics', async () => {
    const { diacriticsOfParse } = await import('./diacritics.ts');
    const bare = 'Ke hoach to chuc Thang Cong nhan nam 2025';
    expect(
      diacriticsOfParse(bare, extractOf({ title: bare })).diacritics?.documents[0]?.fields[0]?.restored,
    ).toBe('Kế hoạch tổ chức Tháng Công nhân năm 2025');
    expect(diacriticsOfParse('Kế hoạch tổ chức Tháng Công nhân', extractOf({ title: 'Ke hoach' }))).toEqual(
      {},
    );
  });
});
