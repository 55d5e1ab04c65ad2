import type { TUser, TUserCreate, TUserList, TUserUpdate } from '../../../contracts/auth.ts';
import { apiGet, apiPatch, apiPost } from './client.ts';

export async function fetchUsers(signal?: AbortSignal): Promise<TUser[]> {
  const result = await apiGet<TUserList>('/api/users', signal);
  return result.users;
}

export const createUser = (body: TUserCreate): Promise<TUser> => apiPost<TUser>('/api/users', body);

export const updateUser = (id: number, body: TUserUpdate): Promise<TUser> =>
  apiPatch<TUser>(`/api/users/${id}`, body);
