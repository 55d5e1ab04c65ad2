import { z } from 'zod';
import { ZParseJob, ZParseResult, ZParseText } from '../../contracts/document-parse.ts';
import { defineRoute } from '../http/route-spec.ts';
import { withUpload } from '../http/upload.ts';

const tags = ['documents'];

export function documentRoutes() {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/documents/parse-text',
      access: 'officer',
      scope: 'own',
      summary: 'Read pasted text into plan-extract/v1 (for the review screen)',
      tags,
      body: ZParseText,
      response: { 200: ZParseResult },
      handler: async ({ body, services }) => services.documentParse.parseText(body.text, body.source),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/documents/parse',
      access: 'officer',
      scope: 'own',
      summary: 'Upload a document (DOCX, PDF, scan, image, text) to read; returns a job to poll (202)',
      tags,
      multipart: true,
      response: { 202: ZParseJob },
      // the file is streamed to disk within the size limit, never held whole in memory
      handler: ({ raw, actor, services, reply, locale }) =>
        withUpload(raw, async (file) => {
          const job = await services.documentParse.startFile(actor, file.fileName, file, locale);
          reply.status(202);
          return job;
        }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/documents/parse/:id',
      access: 'officer',
      scope: 'own',
      summary:
        'A reading job: status, place in the queue while waiting, OCR progress (pages), the result when done or a short coded error',
      tags,
      params: z.object({ id: z.string().uuid() }),
      response: { 200: ZParseJob },
      handler: async ({ params, actor, services, locale }) =>
        services.documentParse.get(actor, params.id, locale),
    }),
  ];
}
