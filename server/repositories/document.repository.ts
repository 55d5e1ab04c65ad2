import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.ts';
import { documentReferences, documents } from '../db/schema.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentReferenceRow = typeof documentReferences.$inferSelect;

export interface DocumentSearch {
  terms: string[];
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** All SQL of the document registry and the links between documents. */
export class DocumentRepository {
  constructor(private readonly database: Database) {}

  private db() {
    return this.database.db();
  }

  async insert(values: typeof documents.$inferInsert): Promise<DocumentRow> {
    const [row] = await this.db().insert(documents).values(values).returning();
    return row!;
  }

  async update(id: number, values: Partial<typeof documents.$inferInsert>): Promise<void> {
    await this.db()
      .update(documents)
      .set({ ...values, version: sql`${documents.version} + 1` })
      .where(eq(documents.id, id));
  }

  async find(id: number): Promise<DocumentRow | undefined> {
    const [row] = await this.db().select().from(documents).where(eq(documents.id, id));
    return row;
  }

  /** Documents with this symbol key; with a date, those of that date first. */
  async findBySymbol(symbolKey: string, date: string | null): Promise<DocumentRow[]> {
    return rows<DocumentRow>(
      this.db(),
      sql`SELECT id, kind, symbol, issuer, issued_on AS "issuedOn", title, known_by_reference AS "knownByReference"
            FROM documents WHERE symbol_key = ${symbolKey}
           ORDER BY (issued_on = ${date}::date) DESC NULLS LAST, known_by_reference, id`,
    );
  }

  /**
   * Stored documents (not stubs) that are the same document: the same symbol and date, or the
   * same source text with the same symbol and title (one file may hold several documents).
   * The text is compared by length and MD5 over the registry; fine for thousands of documents.
   */
  async findSame(input: {
    symbolKey: string | null;
    issuedOn: string | null;
    title: string | null;
    sourceText: string | null;
    isDemo: boolean;
  }): Promise<Pick<DocumentRow, 'id' | 'symbol' | 'issuer' | 'issuedOn' | 'title'>[]> {
    const text = input.sourceText;
    const length = text === null ? null : [...text].length;
    const md5 = text === null ? null : createHash('md5').update(text, 'utf8').digest('hex');
    return rows(
      this.db(),
      sql`SELECT id, symbol, issuer, issued_on AS "issuedOn", title FROM documents
           WHERE known_by_reference = false AND is_demo = ${input.isDemo}
             AND ((${input.symbolKey}::text IS NOT NULL AND symbol_key = ${input.symbolKey}::text
                   AND issued_on IS NOT DISTINCT FROM ${input.issuedOn}::date)
               OR (${length}::int IS NOT NULL AND source_text IS NOT NULL
                   AND char_length(source_text) = ${length}::int AND md5(source_text) = ${md5}::text
                   AND symbol_key IS NOT DISTINCT FROM ${input.symbolKey}::text
                   AND title IS NOT DISTINCT FROM ${input.title}::text))
           ORDER BY id`,
    );
  }

  async insertReference(values: typeof documentReferences.$inferInsert) {
    await this.db().insert(documentReferences).values(values);
  }

  /** Points every unresolved reference with this key (and date, when both have one) at a document. */
  async resolveReferences(symbolKey: string, date: string | null, targetId: number) {
    await this.db()
      .update(documentReferences)
      .set({ targetDocumentId: targetId })
      .where(
        and(
          eq(documentReferences.symbolKey, symbolKey),
          sql`(${documentReferences.refDate} IS NULL OR ${date}::date IS NULL OR ${documentReferences.refDate} = ${date}::date)`,
          sql`(${documentReferences.targetDocumentId} IS NULL OR ${documentReferences.targetDocumentId} IN
                 (SELECT id FROM documents WHERE known_by_reference))`,
          sql`${documentReferences.documentId} <> ${targetId}`,
        ),
      );
  }

  async referencesOf(documentId: number) {
    return this.db().select().from(documentReferences).where(eq(documentReferences.documentId, documentId));
  }

  /** Documents that name this one (its implementing documents when the relation is `basis`). */
  async referencedBy(documentId: number) {
    return rows<{
      id: number;
      symbol: string | null;
      title: string | null;
      issuer: string | null;
      issued_on: string | null;
      relation: string;
    }>(
      this.db(),
      sql`SELECT d.id, d.symbol, d.title, d.issuer, d.issued_on, r.relation
            FROM document_references r JOIN documents d ON d.id = r.document_id
           WHERE r.target_document_id = ${documentId}
           ORDER BY d.issued_on NULLS LAST, d.id`,
    );
  }

  async search(query: DocumentSearch) {
    const conditions = query.terms.map((term) => {
      const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return sql`d.search_text LIKE ${pattern}`;
    });
    if (query.kind) conditions.push(sql`d.kind = ${query.kind}`);
    if (query.from) conditions.push(sql`d.issued_on >= ${query.from}::date`);
    if (query.to) conditions.push(sql`d.issued_on <= ${query.to}::date`);
    return rows<{
      id: number;
      kind: string | null;
      symbol: string | null;
      issuer: string | null;
      issued_on: string | null;
      title: string | null;
      known_by_reference: boolean;
      owner_unit_id: number | null;
      is_demo: boolean;
    }>(
      this.db(),
      sql`SELECT d.id, d.kind, d.symbol, d.issuer, d.issued_on, d.title, d.known_by_reference, d.owner_unit_id, d.is_demo
            FROM documents d
           WHERE ${conditions.length ? sql.join(conditions, sql` AND `) : sql`TRUE`}
           ORDER BY d.issued_on DESC NULLS LAST, d.id DESC
           LIMIT ${query.limit}`,
    );
  }
}
