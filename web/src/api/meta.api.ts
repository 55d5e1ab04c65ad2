import type { TMeta } from '../../../contracts/meta.ts';
import { apiGet } from './client.ts';

export type { TMeta } from '../../../contracts/meta.ts';

export const fetchMeta = (signal?: AbortSignal): Promise<TMeta> => apiGet<TMeta>('/api/meta', signal);
