import type {
  TApiToken,
  TApiTokenCreate,
  TApiTokenCreated,
  TApiTokenList,
} from '../../../contracts/api-tokens.ts';
import { apiGet, apiPost, apiRequest } from './client.ts';

/** The API tokens of units in the caller's organisation, newest first (never their secrets). */
export const fetchApiTokens = async (signal?: AbortSignal): Promise<TApiToken[]> =>
  (await apiGet<TApiTokenList>('/api/tokens', signal)).tokens;

/** Makes a token; its secret is in this answer only. */
export const createApiToken = (body: TApiTokenCreate): Promise<TApiTokenCreated> =>
  apiPost<TApiTokenCreated>('/api/tokens', body);

/** Revokes a token: its next request is refused. */
export const revokeApiToken = (id: number): Promise<TApiToken> =>
  apiRequest<TApiToken>(`/api/tokens/${id}`, { method: 'DELETE' });
