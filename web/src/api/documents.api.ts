import type { TParseJob, TParseResult } from '../../../contracts/document-parse.ts';
import type {
  TDocumentChain,
  TDocumentDetail,
  TDocumentList,
  TDocumentSummary,
} from '../../../contracts/document-registry.ts';
import { apiGet, apiPost, apiRequest, withQuery } from './client.ts';

export type {
  TDocumentChain,
  TDocumentChainNode,
  TDocumentCitedBy,
  TDocumentDetail,
  TDocumentReference,
  TDocumentSummary,
} from '../../../contracts/document-registry.ts';

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
  const result = await apiGet<TDocumentList>(withQuery('/api/documents', { ...query }), signal);
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
