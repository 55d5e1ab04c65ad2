import { boolean, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { orgUnits } from './org.ts';
import { users } from './users.ts';

// Uploaded documents, their references and the parse jobs that read them.

/**
 * Reading jobs for uploaded documents (OCR takes seconds a page). The instance that received the
 * file reads it in a worker process (`queued` while waiting its turn, its place in `progress_done`;
 * `error` holds a short code) and writes progress here, so the client may poll any instance; `heartbeat_at`
 * tells a job whose instance died (no beat for minutes) from one still reading. Kept an hour.
 */
export const parseJobs = pgTable(
  'parse_jobs',
  {
    id: text('id').primaryKey(),
    ownerId: integer('owner_id').references(() => users.id),
    source: text('source').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    progressDone: integer('progress_done'),
    progressTotal: integer('progress_total'),
    result: jsonb('result'),
    error: text('error'),
    createdAt: createdAt(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('parse_jobs_owner_idx').on(t.ownerId, t.status),
    index('parse_jobs_created_idx').on(t.createdAt),
  ],
);

/**
 * Document registry. A row is either a stored document (source text and its reviewed extraction)
 * or a document known only by reference (`known_by_reference`: symbol, date, issuer — nothing
 * invented). `symbol_key` is the symbol folded (no diacritics, spaces or case) for resolution.
 */
export const documents = pgTable(
  'documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind'),
    symbol: text('symbol'),
    symbolKey: text('symbol_key'),
    issuer: text('issuer'),
    place: text('place'),
    issuedOn: date('issued_on', { mode: 'string' }),
    title: text('title'),
    searchText: text('search_text').notNull(),
    sourceFileName: text('source_file_name'),
    sourceText: text('source_text'),
    extract: jsonb('extract'),
    knownByReference: boolean('known_by_reference').notNull().default(false),
    ownerUnitId: integer('owner_unit_id').references(() => orgUnits.id),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('documents_symbol_key_idx').on(t.symbolKey), index('documents_issued_on_idx').on(t.issuedOn)],
);

export const documentReferences = pgTable(
  'document_references',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    targetDocumentId: integer('target_document_id').references(() => documents.id),
    kind: text('kind'),
    symbol: text('symbol').notNull(),
    symbolKey: text('symbol_key').notNull(),
    refDate: date('ref_date', { mode: 'string' }),
    issuer: text('issuer'),
    relation: text('relation').notNull(),
  },
  (t) => [
    index('document_references_doc_idx').on(t.documentId),
    index('document_references_target_idx').on(t.targetDocumentId),
    index('document_references_key_idx').on(t.symbolKey),
  ],
);
