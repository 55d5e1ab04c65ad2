import type {
  TIndicator,
  TIndicatorCatalogue,
  TIndicatorCatalogueQuery,
  TIndicatorUpdate,
} from '../../../contracts/reporting.ts';
import { apiGet, apiPost, apiRequest, withQuery } from './client.ts';

export type { TIndicatorWithUse } from '../../../contracts/reporting.ts';

export const CATALOGUE_QUERY_KEY = ['indicators', 'catalogue'] as const;

export const fetchIndicatorCatalogue = (
  query: Partial<TIndicatorCatalogueQuery>,
  signal?: AbortSignal,
): Promise<TIndicatorCatalogue> =>
  apiGet<TIndicatorCatalogue>(
    withQuery('/api/indicators/catalogue', { q: query.q || undefined, retired: query.retired }),
    signal,
  );

export const updateIndicator = (id: number, body: TIndicatorUpdate): Promise<TIndicator> =>
  apiRequest<TIndicator>(`/api/indicators/${id}`, { method: 'PUT', json: body });

export const retireIndicator = (id: number, version: number): Promise<TIndicator> =>
  apiPost<TIndicator>(`/api/indicators/${id}/retire`, { version });

export const restoreIndicator = (id: number, version: number): Promise<TIndicator> =>
  apiPost<TIndicator>(`/api/indicators/${id}/restore`, { version });
