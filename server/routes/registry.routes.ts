import { z } from 'zod';
import { ZIdParams, ZIsoDate } from '../../contracts/common.ts';
import { ZDocumentChain, ZDocumentDetail, ZDocumentList } from '../../contracts/document-registry.ts';
import { defineRoute } from '../http/route-spec.ts';

const tags = ['documents'];

export function registryRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/documents',
      access: 'viewer',
      scope: 'none',
      summary: 'Search documents by symbol, title words, issuer, kind and date range (diacritic-insensitive)',
      tags,
      query: z.object({
        q: z.string().max(300).default(''),
        kind: z.string().max(10).optional(),
        from: ZIsoDate.optional(),
        to: ZIsoDate.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: ZDocumentList },
      handler: async ({ query, actor, services }) => ({
        documents: await services.documentRegistry.search(actor, query),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/documents/:id',
      access: 'viewer',
      scope: 'none',
      summary: 'A document: metadata, source text, extraction, what it cites and what cites it',
      tags,
      params: ZIdParams,
      response: { 200: ZDocumentDetail },
      handler: ({ params, actor, services }) => services.documentRegistry.get(actor, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/documents/:id/chain',
      access: 'viewer',
      scope: 'none',
      summary: 'The chain: documents it implements (căn cứ, up) and documents implementing it (down)',
      tags,
      params: ZIdParams,
      response: { 200: ZDocumentChain },
      handler: ({ params, actor, services }) => services.documentRegistry.chain(actor, params.id),
    }),
  ];
}
