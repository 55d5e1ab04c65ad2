import { ZHome, ZHomeMenu } from '../../contracts/home.ts';
import { defineRoute } from '../http/route-spec.ts';

const tags = ['home'];

/** Each role's first page, and the menu's pages (domain/access/pages.ts). */
export function homeRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/home',
      access: 'viewer',
      scope: 'own',
      summary:
        "The signed-in user's work today: reports due and returned, to review, plans to act on, units late, deadlines, plans off track",
      tags,
      response: { 200: ZHome },
      handler: ({ actor, services }) => services.home.home(actor),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/home/menu',
      access: 'viewer',
      scope: 'own',
      summary: 'The pages the signed-in user can use (the menu), from the access policy',
      tags,
      response: { 200: ZHomeMenu },
      handler: ({ actor, services }) => services.home.menu(actor),
    }),
  ];
}
