import type {
  TCompletenessView,
  TConsolidatedNarrative,
  TConsolidatedReport,
  TConsolidatedSubmit,
  TDashboardTable,
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
  apiGet<TPlanDashboard>(
    withQuery(`/api/plans/${planId}/dashboard`, {
      periodId,
      completeness: options.completeness === false ? 'false' : undefined,
    }),
    signal,
  );

export const planDashboardXlsxUrl = (
  planId: number,
  periodId: number | undefined,
  table: TDashboardTable = 'targets',
): string => withQuery(`/api/plans/${planId}/dashboard.xlsx`, { periodId, table });

export const fetchUnitDashboard = (unitId: number, signal?: AbortSignal): Promise<TUnitDashboard> =>
  apiGet<TUnitDashboard>(`/api/units/${unitId}/dashboard`, signal);

export const fetchDrilldown = (
  periodId: number,
  unitId: number,
  indicatorId: number | undefined,
  signal?: AbortSignal,
): Promise<TDrilldown> =>
  apiGet<TDrilldown>(withQuery(`/api/periods/${periodId}/drilldown`, { unitId, indicatorId }), signal);

export const fetchCompleteness = (
  periodId: number,
  unitId: number | undefined,
  signal?: AbortSignal,
): Promise<TCompletenessView> =>
  apiGet<TCompletenessView>(withQuery(`/api/periods/${periodId}/completeness`, { unitId }), signal);

export const fetchConsolidated = (
  periodId: number,
  unitId: number,
  signal?: AbortSignal,
): Promise<TConsolidatedReport> =>
  apiGet<TConsolidatedReport>(withQuery(`/api/periods/${periodId}/consolidated`, { unitId }), signal);

/** Section key → text, as edited on screen. */
export type { TConsolidatedNarrative as TNarrative, TDashboardTable };

/** The consolidated report as a file, with the narrative as edited on screen (POSTed: it can be long). */
export const downloadConsolidated = (
  periodId: number,
  unitId: number,
  format: 'docx' | 'xlsx',
  narrative: TConsolidatedNarrative,
): Promise<{ blob: Blob; fileName: string }> =>
  apiDownload(`/api/periods/${periodId}/consolidated.${format}`, `bao-cao-tong-hop.${format}`, {
    unitId,
    narrative,
  });

export const submitConsolidated = (periodId: number, body: TConsolidatedSubmit): Promise<TReport> =>
  apiPost<TReport>(`/api/periods/${periodId}/consolidated/submit`, body);
