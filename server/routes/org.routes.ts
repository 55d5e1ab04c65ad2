import { z } from 'zod';
import { ZIdParams, ZIsoDate } from '../../contracts/common.ts';
import {
  ZOrgImportResult,
  ZOrgSearchQuery,
  ZOrgTree,
  ZOrgUnitDetail,
  ZOrgUnitList,
  ZTreeQuery,
  ZUnitClose,
  ZUnitCreate,
  ZUnitMerge,
  ZUnitMove,
  ZUnitRename,
  ZUnitSplit,
  ZUnitSplitResult,
} from '../../contracts/org.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';
import { withUpload } from '../http/upload.ts';

const tags = ['organisation'];

export function orgRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/org/tree',
      access: 'viewer',
      scope: 'unit',
      summary: 'The organisation tree as of a date (default today), from a root (default the caller’s unit)',
      tags,
      query: ZTreeQuery,
      response: { 200: ZOrgTree },
      handler: ({ query, actor, services }) =>
        services.org.tree(actor, query.date, query.root, query.maxDepth),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/org/search',
      access: 'viewer',
      scope: 'own',
      summary: 'Diacritic-insensitive search of units by name or code, within the caller’s organisation',
      tags,
      query: ZOrgSearchQuery,
      response: { 200: ZOrgUnitList },
      handler: async ({ query, actor, services }) => ({
        units: await services.org.search(actor, query.q, query.date, query.limit),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/org/units/:id',
      access: 'viewer',
      scope: 'unit',
      summary: 'A unit as of a date with its names, parents, ancestors, lineage and events',
      tags,
      params: ZIdParams,
      query: z.object({ date: ZIsoDate.optional() }),
      response: { 200: ZOrgUnitDetail },
      handler: ({ params, query, actor, services }) => services.org.detail(actor, params.id, query.date),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/org/units',
      access: 'manager',
      scope: 'unit',
      summary: 'Create a unit under a parent from an effective date',
      tags,
      body: ZUnitCreate,
      response: { 201: ZOrgUnitDetail },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.orgChange.create(actor, body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/org/units/:id/rename',
      access: 'manager',
      scope: 'unit',
      summary: 'Rename a unit from an effective date (the old name stays in history)',
      tags,
      params: ZIdParams,
      body: ZUnitRename,
      response: { 200: ZOrgUnitDetail },
      handler: ({ params, body, actor, services }) => services.orgChange.rename(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/org/units/:id/move',
      access: 'manager',
      scope: 'unit',
      summary: 'Move a unit under another parent from an effective date',
      tags,
      params: ZIdParams,
      body: ZUnitMove,
      response: { 200: ZOrgUnitDetail },
      handler: ({ params, body, actor, services }) => services.orgChange.move(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/org/units/:id/close',
      access: 'manager',
      scope: 'unit',
      summary: 'Close (dissolve) a unit from an effective date',
      tags,
      params: ZIdParams,
      body: ZUnitClose,
      response: { 200: ZOrgUnitDetail },
      handler: ({ params, body, actor, services }) => services.orgChange.close(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/org/units/:id/split',
      access: 'manager',
      scope: 'unit',
      summary: 'Split a unit into several successors from an effective date',
      tags,
      params: ZIdParams,
      body: ZUnitSplit,
      response: { 200: ZUnitSplitResult },
      handler: async ({ params, body, actor, services }) => ({
        successors: await services.orgChange.split(actor, params.id, body),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/org/merge',
      access: 'manager',
      scope: 'unit',
      summary: 'Merge several units into a new or a continuing unit from an effective date',
      tags,
      body: ZUnitMerge,
      response: { 200: ZOrgUnitDetail },
      handler: ({ body, actor, services }) => services.orgChange.merge(actor, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/org/import',
      access: 'manager',
      scope: 'unit',
      summary:
        'Import units from CSV or XLSX (code,name,type,parent_code,valid_from,valid_to); all or nothing',
      tags,
      multipart: true,
      response: { 200: ZOrgImportResult },
      // streamed to disk within the size limit; read in a worker process (DocumentReaderPool)
      handler: ({ raw, actor, services }) =>
        withUpload(raw, (file) => services.orgExchange.import(actor, file)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/org/export',
      access: 'viewer',
      scope: 'own',
      summary: 'Export the caller’s organisation as CSV or XLSX, as of a date or with all history',
      tags,
      produces: 'text/csv',
      query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), date: ZIsoDate.optional() }),
      handler: async ({ query, actor, services, reply }) => {
        const file = await services.orgExchange.export(actor, query.format, query.date ?? null);
        sendFile(reply, file, file.contentType);
        return undefined;
      },
    }),
  ];
}
