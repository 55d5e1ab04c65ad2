import type {
  TCompletenessView,
  TConsolidatedReport,
  TDrilldown,
  TPlanDashboard,
  TUnitDashboard,
} from '../../../contracts/dashboard.ts';
import type { TReport } from '../../../contracts/reporting.ts';
import { apiDownload, apiGet, apiPost, withQuery } from './client.ts';

export const fetchPlanDashboard = (
  planId: number,
  periodId: number | undefined,
  signal?: AbortSignal,
  options: { completeness?: boolean } = {},
): Promise<TPlanDashboard> =>
  apiGet(
    withQuery(`/api/plans/${planId}/dashboard`, {
      periodId,
      completeness: options.completeness === false ? 'false' : undefined,
    }),
    signal,
  );

export type TDashboardTable = 'targets' | 'units' | 'completeness';

export const planDashboardXlsxUrl = (
  planId: number,
  periodId: number | undefined,
  table: TDashboardTable = 'targets',
): string => withQuery(`/api/plans/${planId}/dashboard.xlsx`, { periodId, table });

export const fetchUnitDashboard = (unitId: number, signal?: AbortSignal): Promise<TUnitDashboard> =>
  apiGet(`/api/units/${unitId}/dashboard`, signal);

export const fetchDrilldown = (
  periodId: number,
  unitId: number,
  indicatorId: number | undefined,
  signal?: AbortSignal,
): Promise<TDrilldown> =>
  apiGet(withQuery(`/api/periods/${periodId}/drilldown`, { unitId, indicatorId }), signal);

export const fetchCompleteness = (
  periodId: number,
  unitId: number | undefined,
  signal?: AbortSignal,
): Promise<TCompletenessView> =>
  apiGet(withQuery(`/api/periods/${periodId}/completeness`, { unitId }), signal);

export const fetchConsolidated = (
  periodId: number,
  unitId: number,
  signal?: AbortSignal,
): Promise<TConsolidatedReport> =>
  apiGet(withQuery(`/api/periods/${periodId}/consolidated`, { unitId }), signal);

export type TNarrative = Record<string, string>;

/**
 * The longest export address sent: the edited narrative travels in the query string, and Node
 * refuses request heads over 16 KB (431).
 */
export const MAX_EXPORT_URL = 12_000;

export const consolidatedExportPath = (
  periodId: number,
  unitId: number,
  format: 'docx' | 'xlsx',
  narrative: TNarrative | undefined,
): string =>
  withQuery(`/api/periods/${periodId}/consolidated.${format}`, {
    unitId,
    narrative: narrative ? JSON.stringify(narrative) : undefined,
  });

/**
 * The consolidated report as a file with the edited narrative; `edited: false` when the edits were
 * too long to send (the file then holds the compiled text).
 */
export async function downloadConsolidated(
  periodId: number,
  unitId: number,
  format: 'docx' | 'xlsx',
  narrative: TNarrative | undefined,
): Promise<{ blob: Blob; fileName: string; edited: boolean }> {
  let path = consolidatedExportPath(periodId, unitId, format, narrative);
  let edited = narrative !== undefined;
  if (path.length > MAX_EXPORT_URL) {
    path = consolidatedExportPath(periodId, unitId, format, undefined);
    edited = false;
  }
  const file = await apiDownload(path, `bao-cao-tong-hop.${format}`);
  return { ...file, edited: edited || narrative === undefined };
}

export const submitConsolidated = (
  periodId: number,
  body: { unitId: number; narrative: TNarrative; submit: boolean },
): Promise<TReport> => apiPost(`/api/periods/${periodId}/consolidated/submit`, body);
