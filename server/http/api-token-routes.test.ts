import { describe, expect, it } from 'vitest';
import { API_TOKEN_SCOPES } from '../../contracts/api-tokens.ts';
import { TOKEN_SCOPE_ROUTES } from '../../domain/access/api-tokens.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import { routeTable } from '../routes/route-table.ts';

/** What the scopes open, held to the route table: real routes, reading only for `figures:read`, none a manager's. */
describe('the routes API token scopes open', () => {
  const routes = new Map(
    routeTable({ sessionTtlHours: 1 }).map((route) => [`${route.method} ${route.url}`, route]),
  );

  it.each(API_TOKEN_SCOPES)('%s names only routes of the route table', (scope) => {
    expect(TOKEN_SCOPE_ROUTES[scope].filter((key) => !routes.has(key))).toEqual([]);
  });

  it('figures:read only reads', () => {
    expect(TOKEN_SCOPE_ROUTES['figures:read'].filter((key) => !key.startsWith('GET '))).toEqual([]);
  });

  it('no scope opens a public route or one that asks more than an officer', () => {
    const opened = API_TOKEN_SCOPES.flatMap((scope) => TOKEN_SCOPE_ROUTES[scope]);
    const tooHigh = opened.filter((key) => {
      const access = routes.get(key)?.access;
      return access === undefined || access === 'public' || roleAtLeast(access, 'manager');
    });
    expect(tooHigh).toEqual([]);
  });
});
