import type { TMe, TRole } from '../../../contracts/auth.ts';
import type { TSetup } from '../../../contracts/setup.ts';
import { apiGet, apiPost, setCsrfToken } from './client.ts';

export interface TSetupStatus {
  needsSetup: boolean;
  demo: boolean;
}

export interface TInvitationOffer {
  role: TRole;
  unitName: string;
  expiresAt: string;
  invitedBy: string | null;
}

export interface TInvitationLink {
  /** Path on this server: `/moi/<token>`. */
  url: string;
  expiresAt: string;
}

export const fetchSetupStatus = (signal?: AbortSignal): Promise<TSetupStatus> =>
  apiGet<TSetupStatus>('/api/setup', signal);

/** First run: creates the administrator and the organisation, and signs the administrator in. */
export async function runSetup(body: TSetup): Promise<TMe> {
  const me = await apiPost<TMe>('/api/setup', body);
  setCsrfToken(me.csrfToken);
  return me;
}

export const createInvitation = (body: {
  role: TRole;
  homeUnitId: number;
  expiresInDays: number;
}): Promise<TInvitationLink> => apiPost<TInvitationLink>('/api/invitations', body);

export const fetchInvitation = (token: string, signal?: AbortSignal): Promise<TInvitationOffer> =>
  apiGet<TInvitationOffer>(`/api/invitations/${encodeURIComponent(token)}`, signal);

export async function acceptInvitation(
  token: string,
  body: { username: string; displayName: string; password: string },
): Promise<TMe> {
  const me = await apiPost<TMe>(`/api/invitations/${encodeURIComponent(token)}/accept`, body);
  setCsrfToken(me.csrfToken);
  return me;
}
