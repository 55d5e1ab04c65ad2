import { z } from 'zod';
import { ZParseJob, ZParseResult, ZParseText } from '../../contracts/document-parse.ts';
import { AppError } from '../errors.ts';
import { defineRoute } from '../http/route-spec.ts';

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
      handler: async ({ raw, actor, services, reply, locale }) => {
        const file = await raw.file();
        if (!file) throw new AppError(400, 'validation', { field: 'file', detail: 'thiếu tệp' }, 'file');
        const data = await file.toBuffer();
        reply.status(202);
        return services.documentParse.startFile(actor, file.filename, data, locale);
      },
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
