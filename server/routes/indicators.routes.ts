import { z } from 'zod';
import { ZIdParams, ZVersion } from '../../contracts/common.ts';
import {
  ZIndicator,
  ZIndicatorCatalogue,
  ZIndicatorCatalogueQuery,
  ZIndicatorUpdate,
} from '../../contracts/reporting.ts';
import { defineRoute } from '../http/route-spec.ts';

const tags = ['reporting'];

/** The indicator page: find, edit, retire and restore (list and create are reporting.routes.ts'). */
export function indicatorRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/indicators/catalogue',
      access: 'viewer',
      scope: 'none',
      summary: 'Indicators found by words of the name or code, retired or not, with what uses each',
      tags,
      query: ZIndicatorCatalogueQuery,
      response: { 200: ZIndicatorCatalogue },
      handler: ({ query, actor, services }) => services.indicatorCatalogue.catalogue(actor, query),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/indicators/:id',
      access: 'manager',
      scope: 'none',
      summary: 'Edit an indicator under its version (a used one keeps its kind, breakdown and roll-up)',
      tags,
      params: ZIdParams,
      body: ZIndicatorUpdate,
      response: { 200: ZIndicator },
      handler: ({ params, body, actor, services }) =>
        services.indicatorCatalogue.update(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/indicators/:id/retire',
      access: 'manager',
      scope: 'none',
      summary: 'Retire an indicator: no longer offered for new targets and forms; what uses it keeps it',
      tags,
      params: ZIdParams,
      body: z.object({ version: ZVersion }),
      response: { 200: ZIndicator },
      handler: ({ params, body, actor, services }) =>
        services.indicatorCatalogue.setRetired(actor, params.id, true, body.version),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/indicators/:id/restore',
      access: 'manager',
      scope: 'none',
      summary: 'Offer a retired indicator again',
      tags,
      params: ZIdParams,
      body: z.object({ version: ZVersion }),
      response: { 200: ZIndicator },
      handler: ({ params, body, actor, services }) =>
        services.indicatorCatalogue.setRetired(actor, params.id, false, body.version),
    }),
  ];
}
