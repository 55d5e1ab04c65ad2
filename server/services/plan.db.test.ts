import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanDocument, parsePlanFile } from '../../documents/parse/parse-plan-document.ts';
import type { Database } from '../db/client.ts';
import { seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

const seed = (name: string) =>
  readFileSync(new URL(`../../resources/seeds/${name}`, import.meta.url), 'utf8');

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

    const derived = await services.plans.derive(manager, received.id, {
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

    const suggestion = await services.plans.suggestSymbol(manager, derived.id, 2024);
    expect(suggestion.symbol).toBe('1/KH-CĐ');
    const issued = await services.plans.issue(manager, derived.id, {
      symbol: suggestion.symbol,
      issuedOn: '2024-06-01',
      version: derived.version,
    });
    expect(issued).toMatchObject({ status: 'issued', symbol: '1/KH-CĐ' });
    expect((await services.plans.suggestSymbol(manager, derived.id, 2024)).number).toBe(2);

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

  it('renders a stored plan as an official DOCX that reads back', async () => {
    const [received] = (await services.plans.list(SYSTEM_ACTOR, org.provinceA.id)).filter(
      (p) => p.origin === 'received',
    );
    const plan = await services.plans.get(SYSTEM_ACTOR, received!.id);
    const file = await services.planRender.docx(SYSTEM_ACTOR, received!.id);
    expect(file.fileName).toMatch(/^ke-hoach-72-KH-LDLD\.docx$/);
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
    const compliance = await services.plans.compliance(manager, received!.id);
    expect(compliance.inScope).toBe(1);
    expect(compliance.issued).toBe(1);
    expect(compliance.rows[0]).toMatchObject({ unitId: org.communeA1.id, state: 'issued_on_time' });
  });

  it('refuses a unit outside the caller’s organisation and a stale save', async () => {
    const [received] = (await services.plans.list(SYSTEM_ACTOR, org.provinceA.id)).filter(
      (p) => p.origin === 'received',
    );
    await expect(
      services.plans.derive(officerOutside, received!.id, { unitId: org.communeA1.id, reportLeadDays: 10 }),
    ).rejects.toMatchObject({ status: 403 });
    const draft = await services.plans.derive(manager, received!.id, {
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
});
