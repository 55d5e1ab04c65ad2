import { TOKEN_SCOPE_ROUTES } from '../../domain/access/api-tokens.ts';
import { SESSION_COOKIE } from './register-routes.ts';

/** A person in the browser: the session cookie set by `POST /api/auth/login`. */
export const SESSION_SCHEME = { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } as const;

/** Another system: an API token in the `Authorization` header (docs/api-tokens.md). */
export const API_TOKEN_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'tdk_…',
  description:
    'An API token for another system, made by a manager or an administrator in Người dùng → Mã truy cập API ' +
    '(or `POST /api/tokens`). Send it as `Authorization: Bearer tdk_…`. It acts on its unit’s subtree only, ' +
    'with its scopes only, as an officer at most and never beyond the user who made it; no CSRF header is ' +
    'needed. Refusals: 401 `api_token_invalid`, `api_token_expired`, `api_token_revoked`, ' +
    '`api_token_creator_lost_access`; 403 `api_token_scope` or `forbidden_unit`; 429 `api_token_rate` with ' +
    'Retry-After. Routes that accept a token list `apiToken` in their security.',
} as const;

/** The usage paragraph of the OpenAPI description: how to call with a token, and what each scope opens. */
export const API_TOKEN_USAGE = [
  '',
  '',
  '## API tokens (Authorization: Bearer)',
  '',
  'Another system (DHIS2, the national reporting system) calls with `Authorization: Bearer tdk_…`, e.g.',
  '`curl -H "Authorization: Bearer $TOKEN" https://tiendo.example/api/units/42/dashboard`.',
  'A token is made for one unit (and everything below it) and a set of scopes; it expires, can be revoked,',
  'is rate limited per token, and every use is in the audit trail. What each scope opens:',
  ...Object.entries(TOKEN_SCOPE_ROUTES).map(
    ([scope, routes]) => `- \`${scope}\`: ${routes.map((route) => `\`${route}\``).join(', ')}`,
  ),
].join('\n');
