import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { createTestApp, seedSmallOrg, type TestApp } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';

describe.each(testEngines())('issuing a plan over HTTP on %s', (engine) => {
  let testDb: TestDatabase;
  let t: TestApp;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    t = await createTestApp(testDb.database);
    org = await seedSmallOrg(t.services);
  });
  afterAll(async () => {
    await t.app.close();
    await testDb.dispose();
  });

  it('refuses to issue without a signer, naming the field; issues and remembers the signer with one', async () => {
    const headers = await t.signIn('manager');
    const plan = await t.services.plans.create(
      SYSTEM_ACTOR,
      org.provinceA.id,
      emptyPlanContent('Kế hoạch tổ chức Tháng Công nhân', 2026),
    );
    const issue = (body: object) =>
      t.app.inject({ method: 'POST', url: `/api/plans/${plan.id}/issue`, headers, payload: body });
    const base = { symbol: '12/KH-LĐLĐ', issuedOn: '2026-05-04', version: plan.version };

    const missing = await issue(base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('signer');

    const nameless = await issue({
      ...base,
      signer: { authority: 'KT.', on_behalf_of: 'Chủ tịch', title: 'Phó Chủ tịch', name: '' },
    });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error).toMatchObject({ field: 'signer.name' });
    expect(nameless.json().error.message).toContain('họ tên người ký');

    const signer = {
      authority: 'KT.',
      on_behalf_of: 'Chủ tịch',
      title: 'Phó Chủ tịch',
      name: 'Trần Thị Mai',
    };
    const issued = await issue({ ...base, signer });
    expect(issued.statusCode).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', signer });

    // the next plan of the unit is offered the same signer
    const next = await t.services.plans.create(
      SYSTEM_ACTOR,
      org.provinceA.id,
      emptyPlanContent('Kế hoạch khác', 2026),
    );
    const suggestion = await t.app.inject({
      method: 'GET',
      url: `/api/plans/${next.id}/next-symbol?date=2026-06-01`,
      headers,
    });
    expect(suggestion.json()).toMatchObject({ symbol: '13/KH-LĐLĐ', signer });
  });
});
