import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { TMe, TRole } from '../../../../contracts/auth.ts';
import { roleAtLeast } from '../../../../domain/roles.ts';
import { fetchMe } from '../../api/auth.api.ts';
import { ApiError } from '../../api/client.ts';
import { fetchMeta, type TMeta } from '../../api/meta.api.ts';

export const ME_QUERY_KEY = ['auth', 'me'] as const;
export const META_QUERY_KEY = ['meta'] as const;

/** The signed-in user, or `null` when the server answers 401. */
export function useSession() {
  return useQuery<TMe | null>({
    queryKey: ME_QUERY_KEY,
    queryFn: async ({ signal }) => {
      try {
        return await fetchMe(signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useMeta() {
  return useQuery<TMeta>({
    queryKey: META_QUERY_KEY,
    queryFn: ({ signal }) => fetchMeta(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function setSession(queryClient: QueryClient, me: TMe | null): void {
  queryClient.setQueryData(ME_QUERY_KEY, me);
}

/** Whether a signed-in user's role reaches `minimum`, by the server's ranking (`domain/roles.ts`). */
export const hasRole = (role: TRole | undefined, minimum: TRole): boolean =>
  role !== undefined && roleAtLeast(role, minimum);

/** Managers and administrators change the organisation and manage users. */
export const canManage = (role: TRole | undefined): boolean => hasRole(role, 'manager');
