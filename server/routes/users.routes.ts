import { ZUser, ZUserCreate, ZUserList, ZUserUpdate } from '../../contracts/auth.ts';
import { ZIdParams } from '../../contracts/common.ts';
import { defineRoute } from '../http/route-spec.ts';

const tags = ['users'];

export function userRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/users',
      access: 'manager',
      scope: 'own',
      summary: 'Users whose home unit is in the caller’s organisation',
      tags,
      response: { 200: ZUserList },
      handler: async ({ actor, services }) => ({ users: await services.users.list(actor) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/users',
      access: 'manager',
      scope: 'unit',
      summary: 'Add a user (role no higher than the caller’s, home unit inside the caller’s organisation)',
      tags,
      body: ZUserCreate,
      response: { 201: ZUser },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.users.create(actor, body);
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/users/:id',
      access: 'manager',
      scope: 'unit',
      summary: 'Change a user’s name, role, home unit, password or active state (optimistic version)',
      tags,
      params: ZIdParams,
      body: ZUserUpdate,
      response: { 200: ZUser },
      handler: ({ params, body, actor, services }) => services.users.update(actor, params.id, body),
    }),
  ];
}
