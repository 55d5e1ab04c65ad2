import type { TMe } from '../../../contracts/auth.ts';
import type {
  TInvitation,
  TInvitationAccept,
  TInvitationCreate,
  TInvitationLink,
  TInvitationList,
  TInvitationOffer,
  TSetup,
  TSetupStatus,
} from '../../../contracts/setup.ts';
import { apiGet, apiPost, apiRequest, setCsrfToken } from './client.ts';

export type { TInvitationLink, TInvitationOffer, TSetupStatus } from '../../../contracts/setup.ts';

export const fetchSetupStatus = (signal?: AbortSignal): Promise<TSetupStatus> =>
  apiGet<TSetupStatus>('/api/setup', signal);

/** First run: creates the administrator and the organisation, and signs the administrator in. */
export async function runSetup(body: TSetup): Promise<TMe> {
  const me = await apiPost<TMe>('/api/setup', body);
  setCsrfToken(me.csrfToken);
  return me;
}

export const createInvitation = (body: TInvitationCreate): Promise<TInvitationLink> =>
  apiPost<TInvitationLink>('/api/invitations', body);

export const fetchInvitation = (token: string, signal?: AbortSignal): Promise<TInvitationOffer> =>
  apiGet<TInvitationOffer>(`/api/invitations/${encodeURIComponent(token)}`, signal);

export async function acceptInvitation(token: string, body: TInvitationAccept): Promise<TMe> {
  const me = await apiPost<TMe>(`/api/invitations/${encodeURIComponent(token)}/accept`, body);
  setCsrfToken(me.csrfToken);
  return me;
}

/** The invitations into the caller's organisation, newest first (never their links). */
export const fetchInvitations = async (signal?: AbortSignal): Promise<TInvitation[]> =>
  (await apiGet<TInvitationList>('/api/invitations', signal)).invitations;

/** Revokes an open invitation: its link no longer opens. */
export const revokeInvitation = (id: number): Promise<TInvitation> =>
  apiRequest<TInvitation>(`/api/invitations/${id}`, { method: 'DELETE' });
