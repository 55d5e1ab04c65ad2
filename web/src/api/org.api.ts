import type { TIsoDate } from '../../../contracts/common.ts';
import type {
  TOrgImportResult,
  TOrgTree,
  TOrgUnitAsOf,
  TOrgUnitDetail,
  TOrgUnitList,
  TUnitClose,
  TUnitCreate,
  TUnitMergeInput,
  TUnitMove,
  TUnitRename,
  TUnitSplit,
  TUnitSplitResult,
} from '../../../contracts/org.ts';
import { apiGet, apiPost, apiRequest, withQuery } from './client.ts';

export type { TUnitClose, TUnitMergeInput, TUnitMove, TUnitRename } from '../../../contracts/org.ts';

export interface TreeQuery {
  date?: TIsoDate;
  root?: number;
  maxDepth?: number;
}

export const fetchOrgTree = (query: TreeQuery, signal?: AbortSignal): Promise<TOrgTree> =>
  apiGet<TOrgTree>(withQuery('/api/org/tree', { ...query }), signal);

export const fetchOrgUnit = (id: number, date: TIsoDate, signal?: AbortSignal): Promise<TOrgUnitDetail> =>
  apiGet<TOrgUnitDetail>(withQuery(`/api/org/units/${id}`, { date }), signal);

export async function searchOrgUnits(
  q: string,
  date: TIsoDate,
  limit = 20,
  signal?: AbortSignal,
): Promise<TOrgUnitAsOf[]> {
  const result = await apiGet<TOrgUnitList>(withQuery('/api/org/search', { q, date, limit }), signal);
  return result.units;
}

export const createOrgUnit = (body: TUnitCreate): Promise<TOrgUnitDetail> =>
  apiPost<TOrgUnitDetail>('/api/org/units', body);

export const renameOrgUnit = (id: number, body: TUnitRename): Promise<TOrgUnitDetail> =>
  apiPost<TOrgUnitDetail>(`/api/org/units/${id}/rename`, body);

export const moveOrgUnit = (id: number, body: TUnitMove): Promise<TOrgUnitDetail> =>
  apiPost<TOrgUnitDetail>(`/api/org/units/${id}/move`, body);

export const closeOrgUnit = (id: number, body: TUnitClose): Promise<TOrgUnitDetail> =>
  apiPost<TOrgUnitDetail>(`/api/org/units/${id}/close`, body);

export const splitOrgUnit = (id: number, body: TUnitSplit): Promise<TUnitSplitResult> =>
  apiPost<TUnitSplitResult>(`/api/org/units/${id}/split`, body);

export const mergeOrgUnits = (body: TUnitMergeInput): Promise<TOrgUnitDetail> =>
  apiPost<TOrgUnitDetail>('/api/org/merge', body);

export function importOrgFile(file: File): Promise<TOrgImportResult> {
  const form = new FormData();
  form.append('file', file);
  return apiRequest<TOrgImportResult>('/api/org/import', { method: 'POST', form });
}

export const orgExportUrl = (format: 'csv' | 'xlsx', date: TIsoDate): string =>
  withQuery('/api/org/export', { format, date });
