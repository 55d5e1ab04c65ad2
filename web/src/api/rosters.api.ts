import type { TOk } from '../../../contracts/common.ts';
import type { TReport } from '../../../contracts/reporting.ts';
import type {
  TActivity,
  TActivityDetail,
  TActivityInput,
  TActivityList,
  TActivityUpdate,
  TComputedOverride,
  TComputedPeople,
  TComputedValue,
  TComputedValues,
  TRosterCategory,
  TRosterImportResult,
  TRosterList,
  TRosterPerson,
  TRosterPersonInput,
  TRosterPersonUpdate,
} from '../../../contracts/rosters.ts';
import { apiDownload, apiGet, apiPost, apiRequest, withQuery } from './client.ts';

/** A unit's roster and the purpose it is kept for (every read is audited by the server). */
export const fetchRoster = (
  unitId: number,
  filter: { category?: TRosterCategory | undefined; on?: string | undefined },
  signal?: AbortSignal,
): Promise<TRosterList> => apiGet<TRosterList>(withQuery('/api/rosters', { unitId, ...filter }), signal);

export const createRosterPerson = (body: TRosterPersonInput): Promise<TRosterPerson> =>
  apiPost<TRosterPerson>('/api/rosters', body);

export const updateRosterPerson = (id: number, body: TRosterPersonUpdate): Promise<TRosterPerson> =>
  apiRequest<TRosterPerson>(`/api/rosters/${id}`, { method: 'PUT', json: body });

/** Deletion on request: the person and their attendance are gone. */
export const deleteRosterPerson = (id: number, reason: string, version: number): Promise<TOk> =>
  apiPost<TOk>(`/api/rosters/${id}/delete`, { reason, version });

export const downloadRosterTemplate = (): Promise<{ blob: Blob; fileName: string }> =>
  apiDownload('/api/rosters/template.xlsx', 'mau-danh-sach-can-bo.xlsx');

export const exportRoster = (unitId: number): Promise<{ blob: Blob; fileName: string }> =>
  apiDownload(withQuery('/api/rosters/export.xlsx', { unitId }), 'danh-sach-can-bo.xlsx');

/** `commit: false` names every bad cell; `commit: true` adds every row or none. */
export function importRoster(unitId: number, file: File, commit: boolean): Promise<TRosterImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiRequest<TRosterImportResult>(withQuery('/api/rosters/import', { unitId, commit }), {
    method: 'POST',
    form,
  });
}

export const fetchActivities = async (unitId: number, signal?: AbortSignal): Promise<TActivity[]> =>
  (await apiGet<TActivityList>(withQuery('/api/activities', { unitId }), signal)).activities;

export const fetchActivity = (id: number, signal?: AbortSignal): Promise<TActivityDetail> =>
  apiGet<TActivityDetail>(`/api/activities/${id}`, signal);

export const createActivity = (body: TActivityInput): Promise<TActivityDetail> =>
  apiPost<TActivityDetail>('/api/activities', body);

export const updateActivity = (id: number, body: TActivityUpdate): Promise<TActivityDetail> =>
  apiRequest<TActivityDetail>(`/api/activities/${id}`, { method: 'PUT', json: body });

export const deleteActivity = (id: number, version: number): Promise<TOk> =>
  apiPost<TOk>(`/api/activities/${id}/delete`, { version });

/** A report's computed indicators: computed value, held value, state. */
export const fetchComputedValues = async (
  reportId: number,
  signal?: AbortSignal,
): Promise<TComputedValue[]> =>
  (await apiGet<TComputedValues>(`/api/reports/${reportId}/computed`, signal)).values;

export const fetchComputedPeople = (
  reportId: number,
  indicatorId: number,
  signal?: AbortSignal,
): Promise<TComputedPeople> =>
  apiGet<TComputedPeople>(`/api/reports/${reportId}/computed/${indicatorId}/people`, signal);

export const applyComputedValues = (reportId: number, version: number): Promise<TReport> =>
  apiPost<TReport>(`/api/reports/${reportId}/computed/apply`, { version });

export const overrideComputedValue = (
  reportId: number,
  indicatorId: number,
  body: TComputedOverride,
): Promise<TReport> => apiPost<TReport>(`/api/reports/${reportId}/computed/${indicatorId}/override`, body);
