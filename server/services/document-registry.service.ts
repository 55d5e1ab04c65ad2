import type { TExtractedDocument } from '../../contracts/plan-extract.ts';
import { foldText, searchTerms } from '../../domain/fold-text.ts';
import { symbolKey } from '../../domain/plans/symbol.ts';
import type { Database } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { DocumentRepository, DocumentRow } from '../repositories/document.repository.ts';
import { DocumentAccessRepository } from '../repositories/document-access.repository.ts';
import type { AccessService } from './access.service.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { DocumentReaders } from './document-readers.ts';

/**
 * 409: the document is already in the registry (`details.documentId`, and the plan made of it,
 * only to whom may read them: `DocumentRegistryService.duplicate`).
 */
export const documentDuplicate = (symbol: string, details: { documentId?: number; planId?: number | null }) =>
  new AppError(409, 'document_duplicate', { symbol }, 'document', details);

const KIND_WORDS: Record<string, string> = {
  KH: 'kế hoạch',
  CV: 'công văn',
  CT: 'chỉ thị',
  NQ: 'nghị quyết',
  CTr: 'chương trình hành động',
  HD: 'hướng dẫn',
  QĐ: 'quyết định',
  BC: 'báo cáo',
  TB: 'thông báo',
  KL: 'kết luận',
  TTr: 'tờ trình',
};

/** The kind of a document from its symbol when not given: "28-CT/TW" → CT, "72/KH-LĐLĐ" → KH. */
export function kindFromSymbol(symbol: string): string | null {
  const party = /^\s*\d+-([A-Za-zĐđ]+)\//.exec(symbol);
  if (party) return party[1]!;
  const state = /^\s*\d+\/([A-Za-zĐđ]+)-/.exec(symbol);
  return state ? state[1]! : null;
}

export interface DocumentSummary {
  id: number;
  kind: string | null;
  symbol: string | null;
  issuer: string | null;
  issuedOn: string | null;
  title: string | null;
  knownByReference: boolean;
}

export interface DocumentChainNode extends DocumentSummary {
  relation: 'basis' | 'cited' | 'self';
  children: DocumentChainNode[];
}

const summary = (
  row: Pick<DocumentRow, 'id' | 'kind' | 'symbol' | 'issuer' | 'issuedOn' | 'title' | 'knownByReference'>,
): DocumentSummary => ({
  id: row.id,
  kind: row.kind,
  symbol: row.symbol,
  issuer: row.issuer,
  issuedOn: row.issuedOn,
  title: row.title,
  knownByReference: row.knownByReference,
});

/**
 * The registry of documents and the links between them. A document cited by symbol but not
 * stored is kept as "known by reference" with only what the citation says; when the document
 * itself arrives, the stub is filled and every citation points at it.
 */
export class DocumentRegistryService {
  private readonly readers: DocumentReaders;

  constructor(
    private readonly database: Database,
    private readonly documents: DocumentRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {
    this.readers = new DocumentReaders(new DocumentAccessRepository(database), access);
  }

  /** Stores an extracted document with its references (inside the caller's transaction). */
  async register(
    actor: Actor,
    doc: TExtractedDocument,
    options: {
      sourceText: string | null;
      sourceFileName: string | null;
      ownerUnitId: number | null;
      isDemo?: boolean;
      /** A document already stored: refused with 409 (default), or its id returned. */
      onDuplicate?: 'refuse' | 'reuse';
    },
  ): Promise<number> {
    return this.database.transaction(async () => {
      const same = await this.findSame(doc, options.sourceText, options.isDemo ?? false);
      if (same) {
        if (options.onDuplicate === 'reuse') return same.id;
        throw await this.duplicate(actor, same, doc);
      }
      const key = doc.symbol ? symbolKey(doc.symbol) : null;
      const values = {
        kind: doc.kind ?? (doc.symbol ? kindFromSymbol(doc.symbol) : null),
        symbol: doc.symbol,
        symbolKey: key,
        issuer: doc.issuer,
        place: doc.place,
        issuedOn: doc.date,
        title: doc.title,
        searchText: this.searchTextOf(doc.kind, doc.symbol, doc.title, doc.issuer, doc.place, doc.date),
        sourceFileName: options.sourceFileName,
        sourceText: options.sourceText,
        extract: doc,
        knownByReference: false,
        ownerUnitId: options.ownerUnitId,
        isDemo: options.isDemo ?? false,
        createdBy: actor.userId,
      };
      const stub = key
        ? (await this.documents.findBySymbol(key, doc.date)).find((d) => d.knownByReference)
        : undefined;
      let id: number;
      if (stub && (stub.issuedOn === null || doc.date === null || stub.issuedOn === doc.date)) {
        await this.documents.update(stub.id, values);
        id = stub.id;
      } else {
        id = (await this.documents.insert(values)).id;
      }
      for (const reference of doc.references) {
        const refKey = symbolKey(reference.symbol);
        if (refKey === key) continue;
        const target = await this.resolveOrStub(actor, reference, options.isDemo ?? false);
        await this.documents.insertReference({
          documentId: id,
          targetDocumentId: target,
          kind: reference.kind,
          symbol: reference.symbol,
          symbolKey: refKey,
          refDate: reference.date,
          issuer: reference.issuer,
          relation: reference.relation,
        });
      }
      if (key) await this.documents.resolveReferences(key, doc.date, id);
      await this.audit.record(actor, 'document.register', 'document', id, stub ?? null, {
        symbol: doc.symbol,
        title: doc.title,
        references: doc.references.length,
      });
      return id;
    });
  }

  /**
   * The refusal of a document already stored (`same`). Its id, symbol and title — and its plan's
   * id, `planId` — are named only to whom may read it (`DocumentReaders`); anyone else is told that
   * the document they hold is there, in their own document's words, and nothing of the stored one.
   */
  async duplicate(
    actor: Actor,
    same: Pick<DocumentRow, 'id' | 'symbol' | 'title'>,
    doc: TExtractedDocument,
    planId?: number | null,
  ): Promise<AppError> {
    if (!(await this.readers.readableOf(actor, [same.id])).has(same.id))
      return documentDuplicate(doc.symbol ?? doc.title ?? '', {});
    return documentDuplicate(same.symbol ?? same.title ?? `#${same.id}`, {
      documentId: same.id,
      ...(planId === undefined ? {} : { planId }),
    });
  }

  /**
   * The stored document this one repeats: the same symbol, issue date and issuer (an issuer
   * missing on either side does not tell them apart), or the same source text. Demo documents
   * and real ones are never taken for each other.
   */
  async findSame(doc: TExtractedDocument, sourceText: string | null, isDemo: boolean) {
    const key = doc.symbol ? symbolKey(doc.symbol) : null;
    const candidates = await this.documents.findSame({
      symbolKey: key,
      issuedOn: doc.date,
      title: doc.title,
      sourceText: sourceText?.trim() ? sourceText : null,
      isDemo,
    });
    const issuer = doc.issuer ? foldText(doc.issuer) : null;
    return candidates.find(
      (c) =>
        key === null ||
        symbolKey(c.symbol ?? '') !== key ||
        issuer === null ||
        c.issuer === null ||
        foldText(c.issuer) === issuer,
    );
  }

  private async resolveOrStub(
    actor: Actor,
    reference: TExtractedDocument['references'][number],
    isDemo: boolean,
  ): Promise<number> {
    const key = symbolKey(reference.symbol);
    const found = await this.documents.findBySymbol(key, reference.date);
    const match = found.find(
      (d) => reference.date === null || d.issuedOn === null || d.issuedOn === reference.date,
    );
    if (match) return match.id;
    const row = await this.documents.insert({
      kind: reference.kind ?? kindFromSymbol(reference.symbol),
      symbol: reference.symbol,
      symbolKey: key,
      issuer: reference.issuer,
      issuedOn: reference.date,
      title: null,
      searchText: this.searchTextOf(
        reference.kind,
        reference.symbol,
        null,
        reference.issuer,
        null,
        reference.date,
      ),
      knownByReference: true,
      isDemo,
      createdBy: actor.userId,
    });
    return row.id;
  }

  private searchTextOf(
    kind: string | null,
    symbol: string | null,
    title: string | null,
    issuer: string | null,
    place: string | null,
    date: string | null,
  ): string {
    const kindWords =
      (kind && KIND_WORDS[kind]) ?? (symbol && KIND_WORDS[kindFromSymbol(symbol) ?? '']) ?? '';
    return foldText([kindWords, symbol, title, issuer, place, date?.slice(0, 4)].filter(Boolean).join(' '));
  }

  async get(actor: Actor, id: number) {
    this.access.assertRole(actor, 'viewer');
    const row = await this.documents.find(id);
    if (!row) throw notFound('document');
    await this.readers.assertReadable(actor, id);
    const references = await this.documents.referencesOf(id);
    const cited = await this.documents.referencedBy(id);
    const readable = await this.readers.readableOf(
      actor,
      cited.map((r) => r.id),
    );
    const referencedBy = cited.filter((r) => readable.has(r.id));
    return {
      ...summary(row),
      place: row.place,
      sourceFileName: row.sourceFileName,
      sourceText: row.sourceText,
      extract: row.extract as TExtractedDocument | null,
      isDemo: row.isDemo,
      references: references.map((r) => ({
        symbol: r.symbol,
        kind: r.kind,
        date: r.refDate,
        issuer: r.issuer,
        relation: r.relation as 'basis' | 'cited',
        documentId: r.targetDocumentId,
      })),
      referencedBy: referencedBy.map((r) => ({
        id: r.id,
        symbol: r.symbol,
        title: r.title,
        issuer: r.issuer,
        issuedOn: r.issued_on,
        relation: r.relation as 'basis' | 'cited',
      })),
    };
  }

  /** The chain around a document: what it implements (up, by `basis`) and what implements it (down). */
  async chain(actor: Actor, id: number): Promise<{ up: DocumentChainNode; down: DocumentChainNode }> {
    this.access.assertRole(actor, 'viewer');
    const row = await this.documents.find(id);
    if (!row) throw notFound('document');
    await this.readers.assertReadable(actor, id);
    const readable = async (docId: number) => (await this.readers.readableOf(actor, [docId])).has(docId);
    const up = async (docId: number, depth: number, seen: Set<number>): Promise<DocumentChainNode[]> => {
      if (depth > 8) return [];
      const refs = (await this.documents.referencesOf(docId)).filter(
        (r) => r.relation === 'basis' && r.targetDocumentId,
      );
      const nodes: DocumentChainNode[] = [];
      for (const ref of refs) {
        if (seen.has(ref.targetDocumentId!)) continue;
        seen.add(ref.targetDocumentId!);
        const target = await this.documents.find(ref.targetDocumentId!);
        if (!target || !(await readable(target.id))) continue;
        nodes.push({ ...summary(target), relation: 'basis', children: await up(target.id, depth + 1, seen) });
      }
      return nodes;
    };
    const down = async (docId: number, depth: number, seen: Set<number>): Promise<DocumentChainNode[]> => {
      if (depth > 8) return [];
      const nodes: DocumentChainNode[] = [];
      for (const ref of await this.documents.referencedBy(docId)) {
        if (ref.relation !== 'basis' || seen.has(ref.id)) continue;
        seen.add(ref.id);
        if (!(await readable(ref.id))) continue;
        const target = (await this.documents.find(ref.id))!;
        nodes.push({ ...summary(target), relation: 'basis', children: await down(ref.id, depth + 1, seen) });
      }
      return nodes;
    };
    const self = summary(row);
    return {
      up: { ...self, relation: 'self', children: await up(id, 0, new Set([id])) },
      down: { ...self, relation: 'self', children: await down(id, 0, new Set([id])) },
    };
  }

  async search(
    actor: Actor,
    query: {
      q: string;
      kind?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      limit: number;
    },
  ) {
    this.access.assertRole(actor, 'viewer');
    const found = await this.documents.search({
      terms: searchTerms(query.q),
      kind: query.kind,
      from: query.from,
      to: query.to,
      limit: query.limit,
    });
    const readable = await this.readers.readableOf(
      actor,
      found.map((d) => d.id),
    );
    return found
      .filter((d) => readable.has(d.id))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        symbol: d.symbol,
        issuer: d.issuer,
        issuedOn: d.issued_on,
        title: d.title,
        knownByReference: d.known_by_reference,
      }));
  }
}
