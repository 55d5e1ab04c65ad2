import type { TParseJob, TParseResult } from '../../../contracts/document-parse.ts';
import { apiGet, apiPost, apiRequest, withQuery } from './client.ts';

/** One row of the document registry (`GET /api/documents`). */
export interface TDocumentSummary {
  id: number;
  kind: string | null;
  symbol: string | null;
  issuer: string | null;
  issuedOn: string | null;
  title: string | null;
  knownByReference: boolean;
}

export interface TDocumentReference {
  symbol: string;
  kind: string | null;
  date: string | null;
  issuer: string | null;
  relation: 'basis' | 'cited';
  documentId: number | null;
}

export interface TDocumentCitedBy {
  id: number;
  symbol: string | null;
  title: string | null;
  issuer: string | null;
  issuedOn: string | null;
  relation: 'basis' | 'cited';
}

export interface TDocumentDetail extends TDocumentSummary {
  place: string | null;
  sourceFileName: string | null;
  sourceText: string | null;
  isDemo: boolean;
  references: TDocumentReference[];
  referencedBy: TDocumentCitedBy[];
}

export interface TDocumentChainNode extends TDocumentSummary {
  relation: 'basis' | 'cited' | 'self';
  children: TDocumentChainNode[];
}

export interface TDocumentChain {
  up: TDocumentChainNode;
  down: TDocumentChainNode;
}

export interface DocumentSearch {
  q?: string;
  kind?: string;
  from?: string;
  to?: string;
}

export async function searchDocuments(
  query: DocumentSearch,
  signal?: AbortSignal,
): Promise<TDocumentSummary[]> {
  const result = await apiGet<{ documents: TDocumentSummary[] }>(
    withQuery('/api/documents', { ...query }),
    signal,
  );
  return result.documents;
}

export const fetchDocument = (id: number, signal?: AbortSignal): Promise<TDocumentDetail> =>
  apiGet<TDocumentDetail>(`/api/documents/${id}`, signal);

export const fetchDocumentChain = (id: number, signal?: AbortSignal): Promise<TDocumentChain> =>
  apiGet<TDocumentChain>(`/api/documents/${id}/chain`, signal);

export const parseText = (text: string, source: string): Promise<TParseResult> =>
  apiPost<TParseResult>('/api/documents/parse-text', { text, source });

export function startParseFile(file: File): Promise<TParseJob> {
  const form = new FormData();
  form.append('file', file);
  return apiRequest<TParseJob>('/api/documents/parse', { method: 'POST', form });
}

export const fetchParseJob = (id: string, signal?: AbortSignal): Promise<TParseJob> =>
  apiGet<TParseJob>(`/api/documents/parse/${encodeURIComponent(id)}`, signal);
