import type { TOk } from '../../../contracts/common.ts';
import type {
  TDataElementMapping,
  TExchangeMapping,
  TMappingImportResult,
} from '../../../contracts/exchange.ts';
import { apiGet, apiRequest, withQuery } from './client.ts';

export const fetchExchangeMapping = (signal?: AbortSignal): Promise<TExchangeMapping> =>
  apiGet<TExchangeMapping>('/api/exchange/mapping', signal);

export const saveDataElementMapping = (body: TDataElementMapping): Promise<TOk> =>
  apiRequest<TOk>('/api/exchange/data-elements', { method: 'PUT', json: body });

export const removeDataElementMapping = (key: {
  indicatorId: number;
  category: string;
  part: string;
}): Promise<TOk> => apiRequest<TOk>(withQuery('/api/exchange/data-elements', key), { method: 'DELETE' });

export const saveOrgUnitCode = (unitId: number, orgUnit: string): Promise<TOk> =>
  apiRequest<TOk>('/api/exchange/org-units', { method: 'PUT', json: { unitId, orgUnit } });

export const removeOrgUnitCode = (unitId: number): Promise<TOk> =>
  apiRequest<TOk>(`/api/exchange/org-units/${unitId}`, { method: 'DELETE' });

export const saveDataSetCode = (scheduleId: number, dataSet: string): Promise<TOk> =>
  apiRequest<TOk>('/api/exchange/data-sets', { method: 'PUT', json: { scheduleId, dataSet } });

export const removeDataSetCode = (scheduleId: number): Promise<TOk> =>
  apiRequest<TOk>(`/api/exchange/data-sets/${scheduleId}`, { method: 'DELETE' });

export function importMappingFile(file: File, commit: boolean): Promise<TMappingImportResult> {
  const form = new FormData();
  form.append('file', file);
  return apiRequest<TMappingImportResult>(
    withQuery('/api/exchange/mapping/import', { commit: String(commit) }),
    {
      method: 'POST',
      form,
    },
  );
}
