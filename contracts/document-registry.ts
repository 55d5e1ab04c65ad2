import { z } from 'zod';
import { ZExtractedDocument, ZReferenceRelation } from './plan-extract.ts';

/** One row of the document registry (`GET /api/documents`). */
export const ZDocumentSummary = z.object({
  id: z.number().int(),
  kind: z.string().nullable(),
  symbol: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  title: z.string().nullable(),
  /** Known only because another document cites it: no text stored. */
  knownByReference: z.boolean(),
});
export type TDocumentSummary = z.infer<typeof ZDocumentSummary>;

export const ZDocumentList = z.object({ documents: z.array(ZDocumentSummary) });
export type TDocumentList = z.infer<typeof ZDocumentList>;

/** A document this one cites, with the registry id when the cited document is stored. */
export const ZDocumentReference = z.object({
  symbol: z.string(),
  kind: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  relation: ZReferenceRelation,
  documentId: z.number().int().nullable(),
});
export type TDocumentReference = z.infer<typeof ZDocumentReference>;

/** A stored document that cites this one. */
export const ZDocumentCitedBy = z.object({
  id: z.number().int(),
  symbol: z.string().nullable(),
  title: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  relation: ZReferenceRelation,
});
export type TDocumentCitedBy = z.infer<typeof ZDocumentCitedBy>;

export const ZDocumentDetail = ZDocumentSummary.extend({
  place: z.string().nullable(),
  sourceFileName: z.string().nullable(),
  sourceText: z.string().nullable(),
  extract: ZExtractedDocument.nullable(),
  isDemo: z.boolean(),
  references: z.array(ZDocumentReference),
  referencedBy: z.array(ZDocumentCitedBy),
});
export type TDocumentDetail = z.infer<typeof ZDocumentDetail>;

export interface TDocumentChainNode extends TDocumentSummary {
  relation: 'basis' | 'cited' | 'self';
  children: TDocumentChainNode[];
}

/** A node of the chain of documents implementing one another (`basis`), with its own chain below. */
export const ZDocumentChainNode: z.ZodType<TDocumentChainNode> = ZDocumentSummary.extend({
  relation: z.enum(['basis', 'cited', 'self']),
  get children() {
    return z.array(ZDocumentChainNode);
  },
});

/** What a document implements (up) and what implements it (down), both rooted at the document. */
export const ZDocumentChain = z.object({ up: ZDocumentChainNode, down: ZDocumentChainNode });
export type TDocumentChain = z.infer<typeof ZDocumentChain>;
