import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanContent } from '../../contracts/plans.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

const PLAN: TPlanContent = {
  title: 'Kế hoạch',
  kind: 'KH',
  yearFrom: 2025,
  yearTo: 2025,
  issuerName: null,
  supervisingBody: null,
  place: null,
  preamble: null,
  purposes: [],
  funding: [],
  recipients: [],
  signer: null,
  implementDeadline: null,
  targets: [],
  tasks: [{ text: 'Tuyên truyền', cooperating: [], status: 'not_started', deadline: null }],
  assignments: [],
  reporting: [],
  events: [],
};

const extract = (symbol: string, title: string) => ({
  kind: 'KH',
  symbol,
  issuer: null,
  place: null,
  date: null,
  title,
  addressees: [],
  signer: null,
  references: [],
  targets: [],
  tasks: [],
  assignments: [],
  reporting: [],
  recipients: [],
  events: [],
});

/**
 * Source documents are read where their plans are (issue 18, break 11): another province's
 * document and its extraction answer 404, as if absent; a document that came down (the document
 * of the plan a unit's plan was derived from) is readable below; the uploader reads their own.
 */
describe.each(testEngines())('who reads a source document on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  const docs: Record<string, number> = {};

  async function planWith(unitId: number, documentId: number, parentPlanId: number | null = null) {
    const plan = await t.services.plans.create(SYSTEM_ACTOR, unitId, PLAN);
    await testDb.database.query('UPDATE plans SET document_id = $1, parent_plan_id = $2 WHERE id = $3', [
      documentId,
      parentPlanId,
      plan.id,
    ]);
    return plan.id;
  }

  const register = (symbol: string, title: string, actor = SYSTEM_ACTOR) =>
    t.services.documentRegistry.register(actor, extract(symbol, title), {
      sourceText: `${title}\nNội dung riêng của ${symbol}`,
      sourceFileName: null,
      ownerUnitId: null,
    });

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    org = await seedSmallOrg(t.services);
    docs.national = await register('1/KH-TLĐ', 'Kế hoạch toàn quốc chuyển đổi số');
    docs.laiChau = await register('7/KH-LĐLĐ', 'Kế hoạch riêng Lai Châu về an toàn lao động');
    docs.thaiBinh = await register('8/KH-LĐLĐ', 'Kế hoạch Thái Bình về nhà văn hóa');
    const nationalPlan = await planWith(org.national.id, docs.national);
    await planWith(org.provinceB.id, docs.laiChau);
    // Thái Bình's plan was derived from the national one: the national document came down to it.
    await planWith(org.provinceA.id, docs.thaiBinh, nationalPlan);
    docs.uploaded = await register('9/KH-CĐCS', 'Văn bản chưa thành kế hoạch', {
      userId: org.users.chair!,
      role: 'officer',
      homeUnitId: org.grassrootsA1a.id,
      ip: null,
    });
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  const get = async (username: string, url: string) =>
    t.app.inject({ method: 'GET', url, headers: await t.signIn(username) });

  it('answers 404 to a manager of one province for another province’s document and its chain', async () => {
    const foreign = await get('manager', `/api/documents/${docs.laiChau}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('an toàn lao động');
    expect((await get('manager', `/api/documents/${docs.laiChau}/chain`)).statusCode).toBe(404);
    // Indistinguishable from a document that does not exist.
    expect((await get('manager', '/api/documents/999999')).json().error.code).toBe(foreign.json().error.code);
    const found = await get('manager', `/api/documents?q=${encodeURIComponent('an toàn lao động')}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().documents).toEqual([]);
  });

  it('lets a province read its own plan’s document and the one that came down to it', async () => {
    for (const username of ['viewer', 'manager', 'chair']) {
      const own = await get(username, `/api/documents/${docs.thaiBinh}`);
      expect(own.statusCode).toBe(200);
      expect(own.json().sourceText).toContain('nhà văn hóa');
      expect((await get(username, `/api/documents/${docs.national}`)).statusCode).toBe(200);
    }
  });

  it('lets the uploader read what they uploaded, and the national level read everything', async () => {
    expect((await get('chair', `/api/documents/${docs.uploaded}`)).statusCode).toBe(200);
    // Not a plan yet: only its uploader (and the national level) reads it.
    expect((await get('manager', `/api/documents/${docs.uploaded}`)).statusCode).toBe(404);
    expect((await get('chair', `/api/documents/${docs.laiChau}`)).statusCode).toBe(404);
    for (const id of Object.values(docs))
      expect((await get('admin', `/api/documents/${id}`)).statusCode).toBe(200);
    const all = await get('admin', `/api/documents?q=${encodeURIComponent('kế hoạch')}`);
    expect(all.json().documents.map((d: { id: number }) => d.id)).toEqual(
      expect.arrayContaining([docs.national, docs.laiChau, docs.thaiBinh]),
    );
  });
});
