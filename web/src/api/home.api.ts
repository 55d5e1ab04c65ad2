import type { THome, THomeMenu } from '../../../contracts/home.ts';
import { apiGet } from './client.ts';

export type { THome, THomeMenu, THomePeriod } from '../../../contracts/home.ts';

export const HOME_QUERY_KEY = ['home'] as const;
export const MENU_QUERY_KEY = ['home', 'menu'] as const;

export const fetchHome = (signal?: AbortSignal): Promise<THome> => apiGet<THome>('/api/home', signal);
export const fetchMenu = (signal?: AbortSignal): Promise<THomeMenu> =>
  apiGet<THomeMenu>('/api/home/menu', signal);
