import { z } from 'zod';
import { ZId, ZIdParams } from '../../contracts/common.ts';
import { ZAttachment } from '../../contracts/reporting.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';
import { takeUpload } from '../http/upload.ts';
import type { AttachmentSource } from '../services/report-attachment.service.ts';

/** `/api/reports/:id/attachments`: the photos, videos and documents attached to a report. */
export function reportAttachmentRoutes() {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/reports/:id/attachments',
      access: 'officer',
      scope: 'unit',
      summary:
        'Attach a photo, video or document to a draft report (413 too large, 415 wrong type by content, 409 report quota, 429 hourly upload quota); an Idempotency-Key header makes a repeat return the first answer',
      tags: ['reporting'],
      params: ZIdParams,
      multipart: true,
      response: { 201: ZAttachment },
      handler: async ({ params, raw, actor, services, reply }) => {
        const upload = await takeUpload(raw);
        try {
          // the service checks the quotas before the file is received (streamed to disk, never held
          // whole in memory); a file over the limit is refused (413) as it arrives, never cut
          const key = raw.headers['idempotency-key'];
          // A keyed upload (an offline queue replayed) runs in one transaction with its key: its bytes
          // are read first, so no transaction waits on the network.
          let read: AttachmentSource | (() => Promise<AttachmentSource>) = () => upload.save();
          if (key !== undefined) {
            try {
              read = await upload.save();
            } catch (error) {
              read = () => Promise.reject(error);
            }
          }
          const stored = await services.idempotency.once(actor, key, `report.attach:${params.id}`, 201, () =>
            services.attachments.upload(actor, params.id, upload.fileName, read),
          );
          reply.status(201);
          return stored;
        } finally {
          await upload.dispose();
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/reports/:id/attachments/:attachmentId',
      access: 'viewer',
      scope: 'unit',
      summary:
        'Download an attachment of a report, sent with the type read from its content when it was stored',
      tags: ['reporting'],
      params: z.object({ id: ZId, attachmentId: ZId }),
      produces: '*/*',
      handler: async ({ params, actor, services, reply }) => {
        const file = await services.attachments.download(actor, params.id, params.attachmentId);
        reply.header('X-Content-Type-Options', 'nosniff');
        sendFile(reply, file, file.contentType);
        return undefined;
      },
    }),
  ];
}
