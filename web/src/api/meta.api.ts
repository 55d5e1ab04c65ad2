import { apiGet } from './client.ts';

export interface TMeta {
  name: string;
  version: string;
  demo: boolean;
  engine: 'pglite' | 'postgres';
  today: string;
}

export const fetchMeta = (signal?: AbortSignal): Promise<TMeta> => apiGet<TMeta>('/api/meta', signal);
