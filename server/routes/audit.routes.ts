import { ZAuditFilter, ZAuditPage, ZAuditQuery } from '../../contracts/audit.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';

/** `/api/audit`: the audit trail, read and exported by administrators. */
export function auditRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/audit',
      access: 'admin',
      scope: 'own',
      summary:
        'The audit trail (append-only), newest first, by object, user, action and day range; paged by beforeId',
      tags: ['audit'],
      query: ZAuditQuery,
      response: { 200: ZAuditPage },
      handler: ({ query, services }) => services.audit.page(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/audit.xlsx',
      access: 'admin',
      scope: 'own',
      summary: 'The filtered audit trail as an Excel workbook (newest first, at most 10,000 entries)',
      tags: ['audit'],
      query: ZAuditFilter,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      handler: async ({ query, services, reply }) => {
        const file = await services.audit.exportXlsx(query);
        sendFile(reply, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return undefined;
      },
    }),
  ];
}
