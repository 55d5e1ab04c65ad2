import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TExtractedDocument } from '../../contracts/plan-extract.ts';
import { parsePlanDocument } from '../../documents/parse/parse-plan-document.ts';
import { seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

// Issue 18: what a manager of one province may learn of another province's documents — neither
// the id of a document they may not read (through a duplicate's 409) nor a citation only that
// province's documents make (a document known by reference).

const seed = (name: string) =>
  readFileSync(new URL(`../../resources/seeds/${name}`, import.meta.url), 'utf8');

describe.each(testEngines())('documents of another province on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  let org: Awaited<ReturnType<typeof seedSmallOrg>>;
  let managerA: Actor;
  let managerB: Actor;
  let document: TExtractedDocument;
  let text: string;
  let storedId: number;
  let planId: number;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(
      testDb.database,
      { sessionTtlHours: 1 },
      () => new Date('2024-07-01T03:00:00Z'),
    );
    org = await seedSmallOrg(services);
    managerA = { userId: org.users.manager!, role: 'manager', homeUnitId: org.provinceA.id, ip: null };
    managerB = { userId: null, role: 'manager', homeUnitId: org.provinceB.id, ip: null };
    text = seed('002_ecf9da9cd69f7705.txt');
    document = parsePlanDocument(text, { source: '002.txt' }).documents[0]!;
    const plan = await services.plans.createFromExtract(SYSTEM_ACTOR, {
      unitId: org.provinceA.id,
      document,
      sourceText: text,
      sourceFileName: '002.txt',
    });
    storedId = plan.documentId!;
    planId = plan.id;
  });
  afterAll(() => testDb.dispose());

  it('answers a duplicate without the stored document’s id, symbol or plan to whom may not read it', async () => {
    await expect(services.documentRegistry.get(managerB, storedId)).rejects.toMatchObject({ status: 404 });
    const again = services.plans.createFromExtract(managerB, {
      unitId: org.provinceB.id,
      document: { ...document, title: 'Một tiêu đề khác' },
      sourceText: text,
      sourceFileName: 'lai.txt',
    });
    const refused = await again.catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 409, key: 'document_duplicate' });
    const { details, params } = refused as { details: unknown; params: Record<string, unknown> };
    expect(details).toEqual({});
    expect(JSON.stringify(params)).not.toContain(String(storedId));
    // the registry's own refusal (a document registered on its own) says no more
    await expect(
      services.documentRegistry.register(managerB, document, {
        sourceText: null,
        sourceFileName: null,
        ownerUnitId: org.provinceB.id,
      }),
    ).rejects.toMatchObject({ status: 409, details: {} });
    // whoever may read it is pointed at it and at its plan
    await expect(
      services.plans.createFromExtract(managerA, {
        unitId: org.provinceA.id,
        document,
        sourceText: text,
        sourceFileName: '002.txt',
      }),
    ).rejects.toMatchObject({ status: 409, details: { documentId: storedId, planId } });
  });

  it('reads a document known only by reference where a document citing it may be read', async () => {
    const stored = await services.documentRegistry.get(SYSTEM_ACTOR, storedId);
    const cited = stored.references.filter((r) => r.documentId !== null);
    expect(cited.length).toBeGreaterThan(0);
    for (const reference of cited) {
      const stub = await services.documentRegistry.get(SYSTEM_ACTOR, reference.documentId!);
      expect(stub.knownByReference).toBe(true);
      // province A's plan cites it: read in province A and below
      await expect(services.documentRegistry.get(managerA, stub.id)).resolves.toMatchObject({
        symbol: reference.symbol,
      });
      // nothing of province B's cites it: 404, as if it did not exist, and not found by search
      await expect(services.documentRegistry.get(managerB, stub.id)).rejects.toMatchObject({ status: 404 });
      await expect(services.documentRegistry.chain(managerB, stub.id)).rejects.toMatchObject({ status: 404 });
      const found = await services.documentRegistry.search(managerB, { q: reference.symbol, limit: 50 });
      expect(found.map((d) => d.id)).not.toContain(stub.id);
      const foundByA = await services.documentRegistry.search(managerA, { q: reference.symbol, limit: 50 });
      expect(foundByA.map((d) => d.id)).toContain(stub.id);
    }
  });
});
