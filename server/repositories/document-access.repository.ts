import { sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';

/** Plans derived from plans, followed at most this deep (a tree of five levels needs four). */
const PLAN_CHAIN_DEPTH = 8;

/** Who a document belongs to, for the rule in `DocumentRegistryService` (`readable`). */
export interface DocumentHolders {
  documentId: number;
  createdBy: number | null;
  ownerUnitId: number | null;
  knownByReference: boolean;
  /** The stored documents that cite this one (a document known by reference is read through them). */
  citedBy: number[];
  /**
   * The units whose plans are this document, and the units whose plans were derived from those,
   * at any depth: the document came down to them.
   */
  planUnitIds: number[];
}

/** What decides who may read a stored document. */
export class DocumentAccessRepository {
  constructor(private readonly database: Database) {}

  async holdersOf(documentIds: number[]): Promise<Map<number, DocumentHolders>> {
    if (documentIds.length === 0) return new Map();
    const ids = sql.param(documentIds);
    const found = await rows<{
      id: number;
      created_by: number | null;
      owner_unit_id: number | null;
      known_by_reference: boolean;
      unit_ids: number[] | null;
      cited_by: number[] | null;
    }>(
      this.database.db(),
      sql`WITH RECURSIVE holders AS (
            SELECT p.id AS plan_id, p.unit_id, p.document_id AS doc_id, 0 AS depth
              FROM plans p WHERE p.document_id = ANY(${ids}::int[])
            UNION ALL
            SELECT c.id, c.unit_id, h.doc_id, h.depth + 1
              FROM plans c JOIN holders h ON c.parent_plan_id = h.plan_id
             WHERE h.depth < ${PLAN_CHAIN_DEPTH}
          )
          SELECT d.id, d.created_by, d.owner_unit_id, d.known_by_reference,
                 (SELECT array_agg(DISTINCT h.unit_id) FROM holders h WHERE h.doc_id = d.id) AS unit_ids,
                 (SELECT array_agg(DISTINCT r.document_id) FROM document_references r
                   WHERE r.target_document_id = d.id) AS cited_by
            FROM documents d WHERE d.id = ANY(${ids}::int[])`,
    );
    return new Map(
      found.map((r) => [
        r.id,
        {
          documentId: r.id,
          createdBy: r.created_by,
          ownerUnitId: r.owner_unit_id,
          knownByReference: r.known_by_reference,
          planUnitIds: (r.unit_ids ?? []).map(Number),
          citedBy: (r.cited_by ?? []).map(Number),
        },
      ]),
    );
  }

  /** The national units (the root of the tree): whoever reaches one reads every document. */
  async nationalUnitIds(): Promise<number[]> {
    const found = await rows<{ id: number }>(
      this.database.db(),
      sql`SELECT id FROM org_units WHERE type = 'national' ORDER BY id`,
    );
    return found.map((r) => r.id);
  }
}
