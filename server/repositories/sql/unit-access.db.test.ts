import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgHistory, placeOf, reachesUnit } from '../../../domain/access/unit-access.ts';
import { AccessService } from '../../services/access.service.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../../test/test-database.ts';
import { OrgRepository } from '../org.repository.ts';
import { unitAccessCtes, unitAccessGate } from './unit-access.ts';

/**
 * The SQL form of the access policy against its pure definition, on random histories: parent
 * links with overlapping spans and cycles, closed units, merges. Three readings must agree with
 * `domain/access/unit-access.ts`: the columns (`OrgRepository.unitAccess`), the write gate
 * (`unitAccessGate`) and the whole rule as `AccessService` takes it (successors and all).
 */
const DAYS = [
  '2016-01-01',
  '2019-12-31',
  '2020-01-01',
  '2022-06-30',
  '2024-01-01',
  '2025-12-31',
  '2026-05-01',
];
const day = fc.constantFrom(...DAYS);

interface History {
  units: (string | null)[];
  links: { unit: number; parent: number; from: string; to: string | null }[];
  successions: { from: number; to: number }[];
  queries: { home: number | null; unit: number; today: string }[];
}

/**
 * Keeps the links of each unit that do not overlap an earlier one: a unit has one parent on a
 * day, as the services write it. (Over overlapping duplicate links the walk's UNION ALL doubles at
 * each level of a cycle, and a cycle is walked `TREE_DEPTH_LIMIT` deep: such rows never exist.)
 */
function oneParentADay(links: History['links']): History['links'] {
  const kept: History['links'] = [];
  const end = (to: string | null) => to ?? '9999-12-31';
  for (const l of links) {
    if (!kept.some((k) => k.unit === l.unit && k.from <= end(l.to) && l.from <= end(k.to))) kept.push(l);
  }
  return kept;
}

const histories = fc.integer({ min: 2, max: 9 }).chain((n) => {
  const unit = fc.integer({ min: 0, max: n - 1 });
  return fc.record<History>({
    units: fc.array(fc.option(day, { freq: 2 }), { minLength: n, maxLength: n }),
    links: fc
      .array(
        fc
          .record({ unit, parent: unit, a: day, b: fc.option(day, { freq: 2 }) })
          .filter((l) => l.unit !== l.parent)
          .map(({ unit: u, parent, a, b }) => ({
            unit: u,
            parent,
            from: b !== null && b < a ? b : a,
            to: b !== null && b < a ? a : b,
          })),
        { maxLength: 2 * n },
      )
      .map(oneParentADay),
    // successors are newer units (made by the merge or split), so successions form no cycle
    successions: fc.array(
      fc.record({ from: unit, to: unit }).filter((s) => s.from < s.to),
      { maxLength: n },
    ),
    // a unit index of n stands for a unit that does not exist
    queries: fc.array(
      fc.record({ home: fc.option(unit, { freq: 6 }), unit: fc.integer({ min: 0, max: n }), today: day }),
      { minLength: 1, maxLength: 8 },
    ),
  });
});

describe.each(testEngines())('the SQL access rule agrees with the policy on %s', (engine) => {
  let testDb: TestDatabase;
  let org: OrgRepository;
  let eventId: number;
  let tree = 0;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    org = new OrgRepository(testDb.database);
    const [event] = await testDb.database.prepared<{ id: number }>(
      `INSERT INTO org_events (kind, effective_date) VALUES ('merge', '2020-01-01') RETURNING id`,
      [],
    );
    eventId = event!.id;
  });

  afterAll(async () => {
    await testDb?.dispose();
  });

  /** Stores a history as real rows; returns the ids of its units. */
  async function store(history: History): Promise<number[]> {
    const db = testDb.database;
    tree += 1;
    const codes = history.units.map((_, i) => `T${tree}-${i}`);
    const inserted = await db.prepared<{ id: number; code: string }>(
      `INSERT INTO org_units (code, type, valid_from, valid_to)
       SELECT c, 'commune', '2015-01-01', t::date FROM unnest($1::text[], $2::text[]) AS x(c, t)
       RETURNING id, code`,
      [codes, history.units],
    );
    const byCode = new Map(inserted.map((r) => [r.code, r.id]));
    const ids = codes.map((c) => byCode.get(c)!);
    if (history.links.length > 0)
      await db.prepared(
        `INSERT INTO org_unit_parents (unit_id, parent_id, valid_from, valid_to)
         SELECT u::int, p::int, f::date, t::date FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(u, p, f, t)`,
        [
          history.links.map((l) => String(ids[l.unit])),
          history.links.map((l) => String(ids[l.parent])),
          history.links.map((l) => l.from),
          history.links.map((l) => l.to),
        ],
      );
    if (history.successions.length > 0)
      await db.prepared(
        `INSERT INTO org_lineage (event_id, predecessor_id, successor_id, kind, effective_date)
         SELECT $1::int, p::int, s::int, 'merge', '2020-01-01' FROM unnest($2::text[], $3::text[]) AS x(p, s)`,
        [
          eventId,
          history.successions.map((s) => String(ids[s.from])),
          history.successions.map((s) => String(ids[s.to])),
        ],
      );
    return ids;
  }

  /** The same history as the pure rule reads it, over the stored ids. */
  function inMemory(history: History, ids: number[]): OrgHistory {
    const index = new Map(ids.map((id, i) => [id, i]));
    return {
      validTo: (id) => (index.has(id) ? history.units[index.get(id)!]! : undefined),
      parentsOn: (id, on) =>
        history.links
          .filter((l) => ids[l.unit] === id && l.from <= on && (l.to === null || l.to >= on))
          .map((l) => ids[l.parent]!),
      successors: (id) => history.successions.filter((s) => ids[s.from] === id).map((s) => ids[s.to]!),
    };
  }

  it('on random trees: columns, gate and the whole rule', async () => {
    await fc.assert(
      fc.asyncProperty(histories, async (history) => {
        const ids = await store(history);
        const pure = inMemory(history, ids);
        const missing = Math.max(...ids) + 1_000_000;
        for (const q of history.queries) {
          const unitId = q.unit < ids.length ? ids[q.unit]! : missing;
          const home = q.home === null ? null : ids[q.home]!;
          const found = await org.unitAccess(home, unitId, q.today);
          if (home !== null) expect(found).toEqual(placeOf(home, unitId, pure, q.today));
          else expect(found === undefined ? undefined : found.validTo).toEqual(pure.validTo(unitId));
          const [gate] = await testDb.database.prepared<{ ok: boolean | null }>(
            `WITH RECURSIVE ${unitAccessCtes('$1::int', '$2')} SELECT ${unitAccessGate('$3')} AS ok`,
            [unitId, q.today, home],
          );
          const inSubtree = home === null || placeOf(home, unitId, pure, q.today)?.inSubtree === true;
          expect(gate!.ok === true).toBe(inSubtree);
          const access = new AccessService(org, () => new Date(`${q.today}T05:00:00Z`));
          const actor = { userId: null, role: 'manager' as const, homeUnitId: home, ip: null };
          expect(await access.canAccessUnit(actor, unitId)).toBe(reachesUnit(home, unitId, pure, q.today));
        }
      }),
      // ~8 s a engine on an idle machine; on a loaded one it stops after 90 s with the runs made
      { numRuns: 40, interruptAfterTimeLimit: 90_000 },
    );
  }, 150_000);
});
