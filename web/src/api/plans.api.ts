import type {
  TCompliance,
  TDerivePlan,
  TIssuePlan,
  TIssueSuggestion,
  TPlan,
  TPlanContent,
  TPlanFromExtract,
  TPlanList,
  TPlanSummary,
  TTaskBoard,
  TTaskBoardQuery,
  TTaskStatus,
} from '../../../contracts/plans.ts';
import { apiGet, apiPatch, apiPost, apiRequest, withQuery } from './client.ts';

export async function fetchPlans(unitId: number | undefined, signal?: AbortSignal): Promise<TPlanSummary[]> {
  const result = await apiGet<TPlanList>(withQuery('/api/plans', { unitId }), signal);
  return result.plans;
}

export const fetchPlan = (id: number, signal?: AbortSignal): Promise<TPlan> =>
  apiGet<TPlan>(`/api/plans/${id}`, signal);

export const createPlanFromDocument = (body: TPlanFromExtract): Promise<TPlan> =>
  apiPost<TPlan>('/api/plans/from-document', body);

export const createPlan = (unitId: number, content: TPlanContent): Promise<TPlan> =>
  apiPost<TPlan>('/api/plans', { ...content, unitId });

export const updatePlan = (id: number, content: TPlanContent, version: number): Promise<TPlan> =>
  apiRequest<TPlan>(`/api/plans/${id}`, { method: 'PUT', json: { ...content, version } });

export const derivePlan = (id: number, body: TDerivePlan): Promise<TPlan> =>
  apiPost<TPlan>(`/api/plans/${id}/derive`, body);

export const fetchNextSymbol = (id: number, date?: string): Promise<TIssueSuggestion> =>
  apiGet<TIssueSuggestion>(withQuery(`/api/plans/${id}/next-symbol`, { date }));

export const issuePlan = (id: number, body: TIssuePlan): Promise<TPlan> =>
  apiPost<TPlan>(`/api/plans/${id}/issue`, body);

export const updatePlanTask = (
  planId: number,
  taskId: number,
  body: { status: Exclude<TTaskStatus, 'overdue'>; progressNote: string | null; version: number },
): Promise<TPlan> => apiPatch<TPlan>(`/api/plans/${planId}/tasks/${taskId}`, body);

export const fetchCompliance = (id: number, signal?: AbortSignal): Promise<TCompliance> =>
  apiGet<TCompliance>(`/api/plans/${id}/compliance`, signal);

export const fetchTaskBoard = (query: TTaskBoardQuery, signal?: AbortSignal): Promise<TTaskBoard> =>
  apiGet<TTaskBoard>(withQuery('/api/task-board', { ...query }), signal);

export const complianceXlsxUrl = (id: number): string => `/api/plans/${id}/compliance.xlsx`;
export const planDocxUrl = (id: number): string => `/api/plans/${id}/document.docx`;
export const planPdfUrl = (id: number): string => `/api/plans/${id}/document.pdf`;
