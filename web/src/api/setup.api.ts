import type { TMe } from '../../../contracts/auth.ts';
import type {
  TInvitationAccept,
  TInvitationCreate,
  TInvitationLink,
  TInvitationOffer,
  TSetup,
  TSetupStatus,
} from '../../../contracts/setup.ts';
import { apiGet, apiPost, setCsrfToken } from './client.ts';

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
