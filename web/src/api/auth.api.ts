import type { TLogin, TMe, TPasswordChange } from '../../../contracts/auth.ts';
import type { TOk } from '../../../contracts/common.ts';
import { apiGet, apiPost, setCsrfToken } from './client.ts';

export async function fetchMe(signal?: AbortSignal): Promise<TMe> {
  const me = await apiGet<TMe>('/api/auth/me', signal);
  setCsrfToken(me.csrfToken);
  return me;
}

export async function login(credentials: TLogin): Promise<TMe> {
  const me = await apiPost<TMe>('/api/auth/login', credentials);
  setCsrfToken(me.csrfToken);
  return me;
}

export async function logout(): Promise<void> {
  await apiPost<TOk>('/api/auth/logout', {});
  setCsrfToken(null);
}

/** Changes the signed-in user's password; the server ends their other sessions. */
export async function changePassword(body: TPasswordChange): Promise<void> {
  await apiPost<TOk>('/api/auth/password', body);
}
