import type { TOk } from '../../../contracts/common.ts';
import type { TCalendarLink, TNotificationList } from '../../../contracts/notifications.ts';
import type {
  TAttachment,
  TDueItem,
  TDueList,
  TExcelImportResult,
  TIndicator,
  TIndicatorInput,
  TIndicatorList,
  TPeriodStatus,
  TReport,
  TReportSave,
  TReviewQueue,
  TSchedule,
  TScheduleCreate,
  TScheduleList,
  TTargetBinding,
  TTargetSuggestionList,
  TTargetSuggestions,
} from '../../../contracts/reporting.ts';
import type { TScheduleCreated } from '../../../contracts/upward-reporting.ts';
import { apiDownload, apiGet, apiPost, apiRequest, withQuery } from './client.ts';

export type { TNotification } from '../../../contracts/notifications.ts';
export type {
  TAttachment,
  TFrequency,
  TPeriodStatus,
  TPeriodStatusRow,
  TReviewItem,
  TReviewQueue,
  TSchedule,
  TTargetSuggestions,
} from '../../../contracts/reporting.ts';

// ----- "Báo cáo của tôi" and reports ----------------------------------------------------------

export async function fetchMyReports(signal?: AbortSignal): Promise<TDueItem[]> {
  const result = await apiGet<TDueList>('/api/my-reports', signal);
  return result.items;
}

/** Opens the report of a unit for a period; the server creates the draft on first open. */
export const openReport = (periodId: number, unitId: number): Promise<TReport> =>
  apiPost<TReport>('/api/reports', { periodId, unitId });

export const fetchReport = (id: number, signal?: AbortSignal): Promise<TReport> =>
  apiGet<TReport>(`/api/reports/${id}`, signal);

/** A draft save: values and narrative whole; 409 with `details.current` when the version is stale. */
export const saveReport = (id: number, body: TReportSave): Promise<TReport> =>
  apiRequest<TReport>(`/api/reports/${id}`, { method: 'PUT', json: body });

/** 400 names the first bad field in `field`, all of them in `details.issues`. */
export const submitReport = (id: number, version: number): Promise<TReport> =>
  apiPost<TReport>(`/api/reports/${id}/submit`, { version });

export const returnReport = (id: number, reason: string, version: number): Promise<TReport> =>
  apiPost<TReport>(`/api/reports/${id}/return`, { reason, version });

export const approveReport = (id: number, version: number): Promise<TReport> =>
  apiPost<TReport>(`/api/reports/${id}/approve`, { version });

export const unlockReport = (id: number, reason: string, version: number): Promise<TReport> =>
  apiPost<TReport>(`/api/reports/${id}/unlock`, { reason, version });

/** 413 when the file is too large, 415 when its type is not accepted. */
export function uploadAttachment(reportId: number, file: File): Promise<TAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiRequest<TAttachment>(`/api/reports/${reportId}/attachments`, { method: 'POST', form });
}

export const attachmentUrl = (reportId: number, attachmentId: number): string =>
  `/api/reports/${reportId}/attachments/${attachmentId}`;

// ----- review ---------------------------------------------------------------------------------

/** The first `limit` reports waiting for review (oldest sent first), and how many wait in all. */
export function fetchReviewQueue(limit: number, signal?: AbortSignal): Promise<TReviewQueue> {
  return apiGet<TReviewQueue>(withQuery('/api/review-queue', { limit }), signal);
}

// ----- schedules, periods and their status ------------------------------------------------------

export async function fetchPlanSchedules(planId: number, signal?: AbortSignal): Promise<TSchedule[]> {
  const result = await apiGet<TScheduleList>(`/api/plans/${planId}/schedules`, signal);
  return result.schedules;
}

export const createSchedule = (body: TScheduleCreate): Promise<TScheduleCreated> =>
  apiPost<TScheduleCreated>('/api/schedules', body);

export const fetchPeriodStatus = (periodId: number, signal?: AbortSignal): Promise<TPeriodStatus> =>
  apiGet<TPeriodStatus>(`/api/periods/${periodId}/status`, signal);

// ----- indicators -------------------------------------------------------------------------------

export async function fetchIndicators(signal?: AbortSignal): Promise<TIndicator[]> {
  const result = await apiGet<TIndicatorList>('/api/indicators', signal);
  return result.indicators;
}

export const createIndicator = (body: TIndicatorInput): Promise<TIndicator> =>
  apiPost<TIndicator>('/api/indicators', body);

export async function fetchIndicatorSuggestions(
  planId: number,
  signal?: AbortSignal,
): Promise<TTargetSuggestions[]> {
  const result = await apiGet<TTargetSuggestionList>(`/api/plans/${planId}/indicator-suggestions`, signal);
  return result.targets;
}

export const bindTargetIndicator = (
  planId: number,
  targetId: number,
  indicatorId: number,
): Promise<TTargetBinding> =>
  apiRequest<TTargetBinding>(`/api/plans/${planId}/targets/${targetId}/indicator`, {
    method: 'PUT',
    json: { indicatorId },
  });

// ----- Excel ------------------------------------------------------------------------------------

/** The template for one unit (`unitId`) or one row per subordinate unit (`parentId`). */
export const downloadPeriodTemplate = (
  periodId: number,
  scope: { unitId: number } | { parentId: number },
): Promise<{ blob: Blob; fileName: string }> =>
  apiDownload(
    withQuery(`/api/periods/${periodId}/template.xlsx`, { ...scope }),
    `bao-cao-ky-${periodId}.xlsx`,
  );

/**
 * `commit: false` previews every bad cell; `commit: true` saves all or nothing; with `submit`
 * the filled rows are checked as for sending and sent in the same step.
 */
export function importPeriodWorkbook(
  periodId: number,
  file: File,
  commit: boolean,
  submit = false,
): Promise<TExcelImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const query = submit ? { commit, submit } : { commit };
  return apiRequest<TExcelImportResult>(withQuery(`/api/periods/${periodId}/import`, query), {
    method: 'POST',
    form,
  });
}

// ----- notifications and calendar --------------------------------------------------------------

export const fetchNotifications = (signal?: AbortSignal): Promise<TNotificationList> =>
  apiGet<TNotificationList>('/api/notifications', signal);

export const markNotificationRead = (id: number): Promise<TOk> =>
  apiPost<TOk>(`/api/notifications/${id}/read`, {});

export const fetchCalendarLink = (signal?: AbortSignal): Promise<TCalendarLink> =>
  apiGet<TCalendarLink>('/api/calendar/link', signal);
