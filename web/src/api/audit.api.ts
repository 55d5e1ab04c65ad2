import type { TAuditFilter, TAuditPage } from '../../../contracts/audit.ts';
import { apiGet, withQuery } from './client.ts';

export const fetchAuditPage = (
  filter: TAuditFilter,
  beforeId: number | null,
  limit: number,
  signal?: AbortSignal,
): Promise<TAuditPage> => apiGet<TAuditPage>(withQuery('/api/audit', { ...filter, beforeId, limit }), signal);

/** The export of the same filter (all pages, newest first) as an Excel file. */
export const auditXlsxUrl = (filter: TAuditFilter): string => withQuery('/api/audit.xlsx', { ...filter });
