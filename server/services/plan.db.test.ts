import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanDocument, parsePlanFile } from '../../documents/parse/parse-plan-document.ts';
import { docxParagraphs } from '../../documents/render/docx-xml.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { type Database, rows } from '../db/client.ts';
import { seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { planForRender } from './plan-render.service.ts';
import { createServices, type Services } from './services.ts';

const seed = (name: string) =>
  readFileSync(new URL(`../../resources/seeds/${name}`, import.meta.url), 'utf8');

const noFilter = { mine: false, overdue: false };
const SIGNER = {
  authority: 'TM.' as const,
  on_behalf_of: 'Ban Thường vụ',
  title: 'Chủ tịch',
  name: 'Nguyễn Văn An',
};

describe.each(testEngines())('plans that cascade on %s', (engine) => {
  let testDb: TestDatabase;
  let database: Database;
  let services: Services;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let manager: Actor;
  let officerOutside: Actor;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    database = testDb.database;
    services = createServices(database, { sessionTtlHours: 1 }, () => new Date('2024-07-01T03:00:00Z'));
    org = await seedSmallOrg(services);
    manager = { userId: org.users.manager!, role: 'manager', homeUnitId: org.provinceA.id, ip: null };
    officerOutside = { userId: null, role: 'officer', homeUnitId: org.provinceB.id, ip: null };
  });
  afterAll(() => testDb.dispose());

  it('keeps the chain 28-CT/TW → 59/KH-TLĐ → 72/KH-LĐLĐ → derived plan, walkable both ways', async () => {
    const extract = parsePlanDocument(seed('002_ecf9da9cd69f7705.txt'), { source: '002.txt' });
    const received = await services.plans.createFromExtract(SYSTEM_ACTOR, {
      unitId: org.provinceA.id,
      document: extract.documents[0]!,
      sourceText: null,
      sourceFileName: '002.txt',
    });
    expect(received.targets.length).toBeGreaterThan(0);
    expect(received.status).toBe('issued');

    const derived = await services.planDerive.derive(manager, received.id, {
      unitId: org.communeA1.id,
      reportLeadDays: 10,
    });
    expect(derived.status).toBe('draft');
    expect(derived.preamble).toMatch(/^Thực hiện Kế hoạch số 72\/KH-L/);
    expect(derived.targets.map((t) => t.sourceTargetId)).toEqual(received.targets.map((t) => t.id));
    expect(derived.assignments.map((a) => a.unitType)).toEqual(['grassroots']);
    const annual = received.reporting.find((r) => r.frequency === 'annual' && r.due);
    if (annual) {
      const mine = derived.reporting.find((r) => r.frequency === 'annual')!;
      expect(mine.due! < annual.due!).toBe(true);
    }

    // the commune's own name and place, never the province's
    expect(derived).toMatchObject({ issuerName: 'Công đoàn phường Kỳ Bá', place: 'Kỳ Bá', signer: null });
    const draftText = docxParagraphs((await services.planRender.docx(manager, derived.id)).data).map((p) =>
      p.replace(/\u00a0/g, ' '),
    );
    expect(draftText[0]).toBe('DỰ THẢO');
    expect(draftText).toContain('Số:        /KH-CĐ');
    expect(draftText).toContain('CÔNG ĐOÀN\nPHƯỜNG KỲ BÁ');
    expect(draftText.some((p) => /^Kỳ Bá, ngày +tháng +năm 2024$/.test(p))).toBe(true);

    const suggestion = await services.planIssue.suggestSymbol(manager, derived.id, 2024);
    expect(suggestion).toMatchObject({ symbol: '1/KH-CĐ', signer: null, signers: [] });
    // no signer, or half of one: refused, nothing issued
    const unsigned = { symbol: suggestion.symbol, issuedOn: '2024-06-01', version: derived.version };
    await expect(
      services.planIssue.issue(manager, derived.id, { ...unsigned, signer: { ...SIGNER, name: ' ' } }),
    ).rejects.toMatchObject({ status: 400, key: 'signer_required', field: 'signer.name' });
    await expect(
      services.planIssue.issue(manager, derived.id, {
        ...unsigned,
        signer: { ...SIGNER, on_behalf_of: null },
      }),
    ).rejects.toMatchObject({ status: 400, field: 'signer.on_behalf_of' });
    expect((await services.plans.get(manager, derived.id)).status).toBe('draft');

    const issued = await services.planIssue.issue(manager, derived.id, { ...unsigned, signer: SIGNER });
    expect(issued).toMatchObject({ status: 'issued', symbol: '1/KH-CĐ', signer: SIGNER });
    const next = await services.planIssue.suggestSymbol(manager, derived.id, 2024);
    expect(next).toMatchObject({ number: 2, signer: SIGNER, signers: [SIGNER] });
    const [audit] = await rows<{ after: { signer: unknown } }>(
      database.db(),
      sql`SELECT after FROM audit_log WHERE action = 'plan.issue' AND object_id = ${String(derived.id)}`,
    );
    expect(audit?.after.signer).toEqual(SIGNER);

    const signed = docxParagraphs((await services.planRender.docx(manager, derived.id)).data);
    expect(signed).not.toContain('DỰ THẢO');
    expect(signed).toContain('Số: 1/KH-CĐ');
    expect(signed).toContain('Kỳ Bá, ngày 01 tháng 6 năm 2024');
    const signature = signed.slice(signed.indexOf('Nơi nhận:'));
    expect(signature).toEqual(expect.arrayContaining(['TM. BAN THƯỜNG VỤ', 'CHỦ TỊCH', 'Nguyễn Văn An']));

    const chain = await services.documentRegistry.chain(SYSTEM_ACTOR, issued.documentId!);
    const up1 = chain.up.children[0]!;
    expect(up1.symbol).toMatch(/^72\/KH-L/);
    const upSymbols = up1.children.map((c) => c.symbol);
    expect(upSymbols.some((s) => s?.startsWith('59/KH-TL'))).toBe(true);
    const directive = up1.children.flatMap((c) => [c, ...c.children]).find((c) => c.symbol === '28-CT/TW');
    expect(directive?.knownByReference).toBe(true);
    const down = await services.documentRegistry.chain(SYSTEM_ACTOR, received.documentId!);
    expect(down.down.children.map((c) => c.symbol)).toEqual(['1/KH-CĐ']);
  });

  it('lists the plans of a unit, of its units below and of the levels above — not of other branches', async () => {
    const make = (unitId: number, title: string) =>
      services.plans.create(SYSTEM_ACTOR, unitId, emptyPlanContent(title, 2026));
    const atNation = await make(org.national.id, 'Kế hoạch của Tổng Liên đoàn');
    const atGrassroots = await make(org.grassrootsA1a.id, 'Kế hoạch của công đoàn cơ sở');
    const atOtherProvince = await make(org.provinceB.id, 'Kế hoạch của Lai Châu');
    const listed = (unitId: number) =>
      services.plans.list(SYSTEM_ACTOR, unitId).then((plans) => plans.map((p) => p.id));
    const forA = await listed(org.provinceA.id);
    expect(forA).toEqual(expect.arrayContaining([atNation.id, atGrassroots.id]));
    expect(forA).not.toContain(atOtherProvince.id);
    const forCommune = await listed(org.communeA1.id);
    expect(forCommune).toEqual(expect.arrayContaining([atNation.id, atGrassroots.id]));
    expect(forCommune).not.toContain(atOtherProvince.id);
    const forB = await listed(org.provinceB.id);
    expect(forB).toEqual(expect.arrayContaining([atNation.id, atOtherProvince.id]));
    expect(forB).not.toContain(atGrassroots.id);
  });

  it('renders a stored plan as an official DOCX that reads back', async () => {
    const [received] = (await services.plans.list(SYSTEM_ACTOR, org.provinceA.id)).filter(
      (p) => p.origin === 'received',
    );
    const plan = await services.plans.get(SYSTEM_ACTOR, received!.id);
    const file = await services.planRender.docx(SYSTEM_ACTOR, received!.id);
    // the number and the issuer, so two units' papers numbered alike are told apart
    expect(file.fileName).toBe(
      `Kế hoạch ${plan.symbol!.replace('/', '-')} - ${plan.issuerName ?? plan.unitName}.docx`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-render-'));
    writeFileSync(join(dir, 'plan.docx'), file.data);
    const back = await parsePlanFile(join(dir, 'plan.docx'));
    rmSync(dir, { recursive: true, force: true });
    expect(back.documents[0]!.symbol).toBe(plan.symbol);
    expect(back.documents[0]!.targets).toHaveLength(plan.targets.length);
  });

  it('finds documents without diacritics: "ke hoach 72" finds 72/KH-LĐLĐ', async () => {
    const found = await services.documentRegistry.search(SYSTEM_ACTOR, { q: 'ke hoach 72', limit: 10 });
    expect(found.map((d) => d.symbol).some((s) => s?.startsWith('72/KH'))).toBe(true);
    expect(
      await services.documentRegistry.search(SYSTEM_ACTOR, { q: "'; DROP TABLE documents; --", limit: 5 }),
    ).toEqual([]);
  });

  it('shows compliance: one of the units in scope issued on time', async () => {
    const [received] = (await services.plans.list(SYSTEM_ACTOR, org.provinceA.id)).filter(
      (p) => p.origin === 'received',
    );
    const compliance = await services.planCompliance.compliance(manager, received!.id);
    expect(compliance.inScope).toBe(1);
    expect(compliance.issued).toBe(1);
    expect(compliance.rows[0]).toMatchObject({ unitId: org.communeA1.id, state: 'issued_on_time' });
  });

  it('refuses a unit outside the caller’s organisation and a stale save', async () => {
    const [received] = (await services.plans.list(SYSTEM_ACTOR, org.provinceA.id)).filter(
      (p) => p.origin === 'received',
    );
    await expect(
      services.planDerive.derive(officerOutside, received!.id, {
        unitId: org.communeA1.id,
        reportLeadDays: 10,
      }),
    ).rejects.toMatchObject({ status: 403 });
    const draft = await services.planDerive.derive(manager, received!.id, {
      unitId: org.grassrootsA1a.id,
      reportLeadDays: 5,
    });
    const {
      id,
      unitId,
      unitName,
      documentId,
      parentPlanId,
      parentTitle,
      origin,
      status,
      symbol,
      issuedOn,
      isDemo,
      warnings,
      ...content
    } = draft;
    const lower = {
      ...content,
      targets: content.targets.map((t) => ({
        ...t,
        milestones: t.milestones.map((m) => ({
          ...m,
          value: m.op.startsWith('<') ? m.value + 1 : m.value - 1,
        })),
      })),
    };
    const saved = await services.plans.update(manager, draft.id, lower);
    expect(saved.warnings.length).toBeGreaterThan(0);
    await expect(
      services.plans.update(manager, draft.id, { ...content, version: draft.version }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('lists on the task board what concerns a unit and the units below it, and nothing to an outsider', async () => {
    const content = {
      ...emptyPlanContent('Kế hoạch tổ chức Tháng Công nhân năm 2024', 2024),
      tasks: [
        {
          text: 'Tổ chức hội nghị đối thoại tại phường Kỳ Bá',
          leadText: 'Công đoàn phường Kỳ Bá',
          leadUnitId: org.communeA1.id,
          cooperating: [],
          deadline: '2024-06-15',
          status: 'in_progress' as const,
          progressNote: null,
        },
        {
          text: 'Tuyên truyền pháp luật lao động',
          leadText: 'Ban Tuyên giáo',
          leadUnitId: org.provinceA.id,
          cooperating: [
            { text: 'Công đoàn phường Kỳ Bá', unitId: org.communeA1.id },
            { text: 'Sở Nội vụ', unitId: null },
          ],
          deadline: '2024-12-31',
          status: 'not_started' as const,
          progressNote: null,
        },
      ],
      assignments: [{ unitText: 'Công đoàn cơ sở', unitId: null, unitType: 'grassroots' as const, text: '' }],
    };
    const draft = await services.plans.create(SYSTEM_ACTOR, org.provinceA.id, content);
    // A draft assigns nothing yet.
    expect((await services.taskBoard.read(manager, { ...noFilter, planId: draft.id })).total).toBe(0);
    const plan = await services.planIssue.issue(SYSTEM_ACTOR, draft.id, {
      symbol: '77/KH-LĐLĐ',
      issuedOn: '2024-06-01',
      version: draft.version,
      signer: SIGNER,
    });

    const board = await services.taskBoard.read(manager, { ...noFilter, planId: plan.id });
    expect(board.items.map((i) => [i.role, i.unitId, i.status])).toEqual([
      ['lead', org.communeA1.id, 'overdue'],
      ['assigned', org.grassrootsA1a.id, 'not_started'],
      ['lead', org.provinceA.id, 'not_started'],
      ['cooperating', org.communeA1.id, 'not_started'],
    ]);
    expect(board.items[0]).toMatchObject({ daysLate: 16, canReport: true, planSymbol: '77/KH-LĐLĐ' });
    expect(board.items[1]).toMatchObject({ kind: 'assignment', deadline: '2024-07-01', canReport: false });
    expect(board.overdue).toBe(1);

    const mine = await services.taskBoard.read(manager, { ...noFilter, planId: plan.id, mine: true });
    expect(mine.items.map((i) => i.unitId)).toEqual([org.provinceA.id]);
    const overdue = await services.taskBoard.read(manager, { ...noFilter, planId: plan.id, overdue: true });
    expect(overdue.items.map((i) => i.text)).toEqual(['Tổ chức hội nghị đối thoại tại phường Kỳ Bá']);
    const searched = await services.taskBoard.read(manager, {
      ...noFilter,
      planId: plan.id,
      q: 'tuyen truyen',
    });
    expect(searched.items.map((i) => i.role)).toEqual(['lead', 'cooperating']);
    const byStatus = await services.taskBoard.read(manager, {
      ...noFilter,
      planId: plan.id,
      status: 'not_started',
    });
    expect(byStatus.total).toBe(3);

    // The commune's officer sees its own part only, and reports progress as the lead unit.
    const communeOfficer: Actor = { userId: null, role: 'officer', homeUnitId: org.communeA1.id, ip: null };
    const commune = await services.taskBoard.read(communeOfficer, { ...noFilter, planId: plan.id });
    expect(commune.items.map((i) => [i.role, i.unitId])).toEqual([
      ['lead', org.communeA1.id],
      ['assigned', org.grassrootsA1a.id],
      ['cooperating', org.communeA1.id],
    ]);
    expect(commune.items.find((i) => i.role === 'cooperating')?.canReport).toBe(false);
    const lead = commune.items[0]!;
    await services.plans.updateTask(communeOfficer, plan.id, lead.taskId!, {
      status: 'done',
      progressNote: 'Đã tổ chức ngày 20/6',
      version: lead.version!,
    });
    const after = await services.taskBoard.read(communeOfficer, {
      ...noFilter,
      planId: plan.id,
      overdue: true,
    });
    expect(after.total).toBe(0);

    // An outsider sees nothing of it, and cannot ask for the board of a unit outside.
    const outside = await services.taskBoard.read(officerOutside, noFilter);
    expect(outside.items.filter((i) => i.planId === plan.id)).toEqual([]);
    expect(outside.total).toBe(0);
    await expect(
      services.taskBoard.read(officerOutside, { ...noFilter, unitId: org.provinceA.id }),
    ).rejects.toMatchObject({ status: 403 });

    // Plans saved before cooperating units carried ids still read, as names.
    await database
      .db()
      .execute(
        sql`UPDATE plan_tasks SET cooperating = '["Sở Nội vụ"]'::jsonb WHERE plan_id = ${plan.id} AND position = 1`,
      );
    const old = await services.plans.get(manager, plan.id);
    expect(old.tasks[1]!.cooperating).toEqual([{ text: 'Sở Nội vụ', unitId: null }]);
    const noLongerCooperating = await services.taskBoard.read(manager, { ...noFilter, planId: plan.id });
    expect(noLongerCooperating.items.some((i) => i.role === 'cooperating')).toBe(false);
  });

  it('refuses to issue a text without diacritics until the officer says they have read it', async () => {
    const draft = await services.plans.create(SYSTEM_ACTOR, org.provinceA.id, {
      ...emptyPlanContent('Ke hoach thuc hien Nghi quyet ve phat trien doan vien nam 2024', 2024),
      purposes: ['Nang cao nhan thuc cua can bo, doan vien ve cong tac phat trien doan vien'],
    });
    const issue = (accept: boolean) =>
      services.planIssue.issue(manager, draft.id, {
        symbol: '81/KH-LĐLĐ',
        issuedOn: '2024-05-02',
        version: draft.version,
        signer: SIGNER,
        ...(accept ? { acceptWithoutDiacritics: true } : {}),
      });
    await expect(issue(false)).rejects.toMatchObject({ status: 400, key: 'plan_without_diacritics' });
    expect((await services.plans.get(manager, draft.id)).status).toBe('draft');
    const issued = await issue(true);
    expect(issued.status).toBe('issued');
    const [audit] = await rows<{ after: { acceptWithoutDiacritics?: boolean } }>(
      database.db(),
      sql`SELECT after FROM audit_log WHERE action = 'plan.issue' AND object_id = ${String(draft.id)} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.after.acceptWithoutDiacritics).toBe(true);
  });

  it('exports the compliance as XLSX: units and their plans, tasks overdue by lead unit', async () => {
    const task = (text: string, over: Record<string, unknown>) => ({
      text,
      leadText: null,
      leadUnitId: null,
      cooperating: [],
      deadline: null,
      status: 'not_started' as const,
      progressNote: null,
      ...over,
    });
    const draft = await services.plans.create(SYSTEM_ACTOR, org.provinceA.id, {
      ...emptyPlanContent('Kế hoạch thực hiện Nghị quyết về phát triển đoàn viên', 2024),
      tasks: [
        task('Rà soát số lao động chưa vào công đoàn', {
          leadUnitId: org.communeA1.id,
          deadline: '2024-06-20',
        }),
        task('Phối hợp cung cấp số liệu doanh nghiệp', { leadText: 'Sở Nội vụ', deadline: '2024-05-31' }),
        task('Tổng kết', { leadUnitId: org.communeA1.id, deadline: '2024-06-01', status: 'done' }),
      ],
    });
    const plan = await services.planIssue.issue(SYSTEM_ACTOR, draft.id, {
      symbol: '80/KH-LĐLĐ',
      issuedOn: '2024-05-01',
      version: draft.version,
      signer: SIGNER,
    });
    const { data, fileName } = await services.planCompliance.complianceXlsx(manager, plan.id);
    expect(fileName).toBe(
      `Tình hình ban hành kế hoạch 80-KH-LĐLĐ - ${plan.issuerName ?? plan.unitName}.xlsx`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tình hình ban hành',
      'Nhiệm vụ theo đơn vị',
      'Nhiệm vụ quá hạn',
    ]);
    const values = (sheet: ExcelJS.Worksheet, row: number) =>
      (sheet.getRow(row).values as unknown[]).slice(1);
    const [units, byUnit, overdue] = workbook.worksheets as [
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
    ];
    expect(units.getCell(1, 1).value).toBe('Tình hình ban hành kế hoạch thực hiện — Kế hoạch số 80/KH-LĐLĐ');
    expect(values(units, 5)).toEqual([
      'STT',
      'Đơn vị',
      'Loại đơn vị',
      'Kế hoạch thực hiện',
      'Số, ký hiệu',
      'Ngày ban hành',
      'Thời hạn',
      'Tình trạng',
      'Số ngày chậm',
    ]);
    const commune = units.getRow(6);
    expect(commune.getCell(2).value).toBe('Công đoàn phường Kỳ Bá');
    expect(commune.getCell(4).value).toBe('Chưa xây dựng');
    expect(commune.getCell(7).value).toEqual(new Date('2024-05-31T00:00:00Z'));
    expect(commune.getCell(7).numFmt).toBe('dd/mm/yyyy');
    expect(commune.getCell(8).value).toBe('Chậm ban hành');
    expect(commune.getCell(9).value).toBe(31);
    expect(values(byUnit, 4)).toEqual(['STT', 'Đơn vị chủ trì', 'Số nhiệm vụ', 'Hoàn thành', 'Quá hạn']);
    expect(values(byUnit, 5)).toEqual([1, 'Công đoàn phường Kỳ Bá', 2, 1, 1]);
    expect(values(byUnit, 6)).toEqual([2, 'Sở Nội vụ', 1, 0, 1]);
    expect(values(overdue, 5)).toEqual([
      1,
      'Công đoàn phường Kỳ Bá',
      'Rà soát số lao động chưa vào công đoàn',
      new Date('2024-06-20T00:00:00Z'),
      11,
    ]);
    expect(overdue.getRow(6).getCell(5).value).toBe(31);
    expect(overdue.getRow(7).getCell(1).value).toBeNull();
    await expect(services.planCompliance.complianceXlsx(officerOutside, plan.id)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('dates lunar campaign events in the plan’s years, on the page and in the DOCX', async () => {
    const plan = await services.plans.create(SYSTEM_ACTOR, org.provinceA.id, {
      ...emptyPlanContent('Kế hoạch chăm lo cho con công nhân giai đoạn 2025-2026', 2025),
      yearTo: 2026,
      events: [
        { name: 'Tết Trung thu', start: '08-15', end: null, calendar: 'lunar', recurring: true },
        { name: 'Tháng Công nhân', start: '05-01', end: '05-31', calendar: 'solar', recurring: true },
      ],
    });
    expect(plan.events[0]!.occurrences.map((o) => o.start)).toEqual(['2025-10-06', '2026-09-25']);
    expect(plan.events[1]!.occurrences.map((o) => o.start)).toEqual(['2025-05-01', '2026-05-01']);
    expect(planForRender(plan).events).toEqual([
      {
        name: 'Tết Trung thu ngày 15/8 âm lịch (năm 2025: ngày 06/10/2025; năm 2026: ngày 25/09/2026)',
        start: null,
        end: null,
      },
      { name: 'Tháng Công nhân', start: '05-01', end: '05-31' },
    ]);
    const file = await services.planRender.docx(SYSTEM_ACTOR, plan.id);
    expect(file.data.subarray(0, 2).toString('latin1')).toBe('PK');

    // The calendar feed of a grassroots chair below the province carries the campaigns of its
    // issued plans, year by year; a draft's, or another province's, it does not.
    const chair: Actor = {
      userId: org.users.chair!,
      role: 'officer',
      homeUnitId: org.grassrootsA1a.id,
      ip: null,
    };
    const days = async (who: Actor) =>
      (await services.plans.campaignEvents(who, [2025, 2026]))
        .filter((e) => e.planId === plan.id)
        .map((e) => `${e.name} ${e.start}${e.end ? `…${e.end}` : ''}`);
    expect(await days(chair)).toEqual([]);
    await services.planIssue.issue(manager, plan.id, {
      symbol: '15/KH-LĐLĐ',
      issuedOn: '2025-03-01',
      version: plan.version,
      signer: SIGNER,
    });
    expect(await days(chair)).toEqual([
      'Tết Trung thu 2025-10-06',
      'Tết Trung thu 2026-09-25',
      'Tháng Công nhân 2025-05-01…2025-05-31',
      'Tháng Công nhân 2026-05-01…2026-05-31',
    ]);
    expect(await days(officerOutside)).toEqual([]);
    const { url } = await services.notifications.calendarLink(chair);
    const ics = await services.notifications.calendar(url.split('/').pop()!.replace('.ics', ''));
    // The feed covers this year and next from the clock's today (01/07/2024): 2025's days only.
    expect(ics).toContain('DTSTART;VALUE=DATE:20251006');
    expect(ics).toContain('SUMMARY:Tết Trung thu');
    expect(ics).toContain('DTEND;VALUE=DATE:20250601');
    expect(ics).not.toContain('20260925');
  });

  it('keeps one entry per document: saving it again points at the stored one, a stub is filled', async () => {
    const [received] = (await services.plans.list(SYSTEM_ACTOR, org.provinceA.id)).filter(
      (p) => p.origin === 'received',
    );
    const stored = await services.plans.get(SYSTEM_ACTOR, received!.id);
    const text = seed('002_ecf9da9cd69f7705.txt');
    const extract = parsePlanDocument(text, { source: '002.txt' });
    const again = services.plans.createFromExtract(manager, {
      unitId: org.provinceA.id,
      document: extract.documents[0]!,
      sourceText: text,
      sourceFileName: '002.txt',
    });
    await expect(again).rejects.toMatchObject({
      status: 409,
      key: 'document_duplicate',
      details: { documentId: stored.documentId, planId: stored.id },
    });
    // The same symbol, date and issuer without the file is the same document too.
    await expect(
      services.documentRegistry.register(SYSTEM_ACTOR, extract.documents[0]!, {
        sourceText: null,
        sourceFileName: null,
        ownerUnitId: null,
      }),
    ).rejects.toMatchObject({ status: 409, details: { documentId: stored.documentId } });
    expect(
      await services.documentRegistry.register(SYSTEM_ACTOR, extract.documents[0]!, {
        sourceText: null,
        sourceFileName: null,
        ownerUnitId: null,
        onDuplicate: 'reuse',
      }),
    ).toBe(stored.documentId);
    // The same number in another year, or in the demo data, is another document.
    const nextYear = { ...extract.documents[0]!, date: '2026-01-05', references: [] };
    const other = await services.documentRegistry.register(SYSTEM_ACTOR, nextYear, {
      sourceText: null,
      sourceFileName: null,
      ownerUnitId: null,
    });
    expect(other).not.toBe(stored.documentId);
    const demo = await services.documentRegistry.register(SYSTEM_ACTOR, extract.documents[0]!, {
      sourceText: text,
      sourceFileName: null,
      ownerUnitId: null,
      isDemo: true,
    });
    expect(demo).not.toBe(stored.documentId);

    // A document known by reference is filled when it arrives, not stored twice.
    const blank = {
      kind: 'KH',
      symbol: null,
      issuer: 'Liên đoàn Lao động tỉnh Thái Bình',
      place: null,
      date: '2024-03-01',
      title: 'Kế hoạch triển khai',
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
    const citing = await services.documentRegistry.register(
      SYSTEM_ACTOR,
      {
        ...blank,
        symbol: '12/KH-LĐLĐ',
        references: [
          { kind: 'HD', symbol: '07/HD-TLĐ', date: '2024-01-10', issuer: null, relation: 'basis' },
        ],
      },
      { sourceText: null, sourceFileName: null, ownerUnitId: null },
    );
    const up = await services.documentRegistry.chain(SYSTEM_ACTOR, citing);
    const stub = up.up.children[0]!;
    expect(stub).toMatchObject({ symbol: '07/HD-TLĐ', knownByReference: true });
    const arrived = await services.documentRegistry.register(
      SYSTEM_ACTOR,
      {
        ...blank,
        kind: 'HD',
        // Cited as "07/HD-TLĐ", it arrives numbered without the zero: the same document.
        symbol: '7/HD-TLĐ',
        issuer: 'Tổng Liên đoàn Lao động Việt Nam',
        date: '2024-01-10',
      },
      { sourceText: 'Hướng dẫn số 7/HD-TLĐ', sourceFileName: null, ownerUnitId: null },
    );
    expect(arrived).toBe(stub.id);
    const found = await services.documentRegistry.search(SYSTEM_ACTOR, { q: '7/HD-TLĐ', limit: 10 });
    expect(found.filter((d) => d.id === stub.id)).toHaveLength(1);
    expect(found.find((d) => d.id === stub.id)?.knownByReference).toBe(false);
    await expect(
      services.documentRegistry.register(
        SYSTEM_ACTOR,
        { ...blank, kind: 'HD', symbol: '07/HD-TLĐ', issuer: null, date: '2024-01-10' },
        { sourceText: null, sourceFileName: null, ownerUnitId: null },
      ),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('binds leads named exactly as a unit of the organisation when saving a document', async () => {
    const doc = {
      kind: 'KH',
      symbol: '31/KH-LĐLĐ',
      issuer: 'Liên đoàn Lao động tỉnh Thái Bình',
      place: null,
      date: '2024-06-01',
      title: 'Kế hoạch tuyên truyền',
      addressees: [],
      signer: null,
      references: [],
      targets: [],
      tasks: [
        { text: 'Tổ chức tuyên truyền', deadline: '2024-06-10', lead: 'Công đoàn phường Kỳ Bá' },
        { text: 'Phối hợp cung cấp số liệu', deadline: null, lead: 'Sở Nội vụ' },
      ],
      assignments: [{ unit: 'CONG DOAN PHUONG KY BA', text: 'Triển khai kế hoạch' }],
      reporting: [],
      recipients: [],
      events: [],
    };
    const plan = await services.plans.createFromExtract(manager, {
      unitId: org.provinceA.id,
      document: doc,
      sourceText: null,
      sourceFileName: null,
    });
    expect(plan.tasks.map((t) => t.leadUnitId)).toEqual([org.communeA1.id, null]);
    expect(plan.assignments[0]!.unitId).toBe(org.communeA1.id);
    const board = await services.taskBoard.read(manager, { ...noFilter, planId: plan.id });
    expect(board.items.map((i) => [i.role, i.unitId, i.status])).toEqual([
      ['lead', org.communeA1.id, 'overdue'],
      ['assigned', org.communeA1.id, 'not_started'],
    ]);
  });
});
