import { z } from 'zod';
import { ZId, ZIdParams, ZIsoDate, ZRefId, ZVersion } from '../../contracts/common.ts';
import {
  ZCompliance,
  ZDerivePlan,
  ZIssuePlan,
  ZIssueSuggestion,
  ZPlan,
  ZPlanContent,
  ZPlanFromExtract,
  ZPlanList,
  ZPlanUpdate,
  ZTaskBoard,
  ZTaskBoardQuery,
  ZTaskStatus,
} from '../../contracts/plans.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';

const tags = ['plans'];

export function planRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/plans',
      access: 'viewer',
      scope: 'unit',
      summary: 'Plans of a unit’s organisation (default the caller’s) and those received from levels above',
      tags,
      query: z.object({ unitId: ZId.optional() }),
      response: { 200: ZPlanList },
      handler: async ({ query, actor, services }) => ({
        plans: await services.plans.list(actor, query.unitId),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id',
      access: 'viewer',
      scope: 'unit',
      summary: 'A plan with targets, tasks (effective status), assignments, duties, events and warnings',
      tags,
      params: ZIdParams,
      response: { 200: ZPlan },
      handler: ({ params, actor, services }) => services.plans.get(actor, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/plans/from-document',
      access: 'officer',
      scope: 'unit',
      summary:
        'Save a reviewed extraction as a plan of a unit; the document joins the registry and its chain',
      tags,
      body: ZPlanFromExtract,
      response: { 201: ZPlan },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.plans.createFromExtract(actor, body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/plans',
      access: 'officer',
      scope: 'unit',
      summary: 'Write a plan by hand (a draft of the unit)',
      tags,
      body: ZPlanContent.extend({ unitId: ZRefId }),
      response: { 201: ZPlan },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        const { unitId, ...content } = body;
        return services.plans.create(actor, unitId, content);
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/plans/:id',
      access: 'officer',
      scope: 'unit',
      summary: 'Save a draft plan whole (optimistic version: a stale save gets 409 with the current plan)',
      tags,
      params: ZIdParams,
      body: ZPlanUpdate,
      response: { 200: ZPlan },
      handler: ({ params, body, actor, services }) => services.plans.update(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/plans/:id/derive',
      access: 'officer',
      scope: 'unit',
      summary: 'Xây dựng kế hoạch thực hiện: derive a unit’s implementing plan (draft) from this plan',
      tags,
      params: ZIdParams,
      body: ZDerivePlan,
      response: { 201: ZPlan },
      handler: async ({ params, body, actor, services, reply }) => {
        reply.status(201);
        return services.planDerive.derive(actor, params.id, body);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/next-symbol',
      access: 'officer',
      scope: 'unit',
      summary:
        'The number and symbol suggested for issuing (the unit’s sequence for the year and kind), and the signer the unit last signed with',
      tags,
      params: ZIdParams,
      query: z.object({ date: ZIsoDate.optional() }),
      response: { 200: ZIssueSuggestion },
      handler: ({ params, query, actor, services }) =>
        services.planIssue.suggestSymbol(
          actor,
          params.id,
          Number((query.date ?? services.access.today()).slice(0, 4)),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/plans/:id/issue',
      access: 'manager',
      scope: 'unit',
      summary: 'Issue a draft plan with its number, symbol, date and signer (refused without a signer)',
      tags,
      params: ZIdParams,
      body: ZIssuePlan,
      response: { 200: ZPlan },
      handler: ({ params, body, actor, services }) => services.planIssue.issue(actor, params.id, body),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/plans/:id/tasks/:taskId',
      access: 'officer',
      scope: 'unit',
      summary: 'Report a task’s progress: status and a note (optimistic version)',
      tags,
      params: z.object({ id: ZId, taskId: ZId }),
      body: z.object({
        status: ZTaskStatus.exclude(['overdue']),
        progressNote: z.string().max(4000).nullable(),
        version: ZVersion,
      }),
      response: { 200: ZPlan },
      handler: ({ params, body, actor, services }) =>
        services.plans.updateTask(actor, params.id, params.taskId, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/document.docx',
      access: 'viewer',
      scope: 'unit',
      summary: 'The plan as an official DOCX (Decree 30/2020 layout)',
      tags,
      params: ZIdParams,
      produces: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      handler: async ({ params, actor, services, reply }) => {
        const file = await services.planRender.docx(actor, params.id);
        sendFile(reply, file, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/document.pdf',
      access: 'viewer',
      scope: 'unit',
      summary: 'The plan as PDF (through LibreOffice; 503 naming the package when it is missing)',
      tags,
      params: ZIdParams,
      produces: 'application/pdf',
      handler: async ({ params, actor, services, reply }) => {
        const file = await services.planRender.pdf(actor, params.id);
        sendFile(reply, file, 'application/pdf');
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/compliance.xlsx',
      access: 'viewer',
      scope: 'unit',
      summary: 'Compliance as XLSX: units in scope and their implementing plans; tasks overdue by unit',
      tags,
      params: ZIdParams,
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      handler: async ({ params, actor, services, reply }) => {
        const file = await services.planCompliance.complianceXlsx(actor, params.id);
        sendFile(reply, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/task-board',
      access: 'viewer',
      scope: 'unit',
      summary:
        'Bảng công việc: tasks and assignments of issued plans that concern a unit (default the caller’s) and the units below it',
      tags,
      query: ZTaskBoardQuery,
      response: { 200: ZTaskBoard },
      handler: ({ query, actor, services }) =>
        services.taskBoard.read(actor, {
          unitId: query.unitId,
          mine: query.mine === 'true',
          overdue: query.overdue === 'true',
          status: query.status,
          planId: query.planId,
          q: query.q,
        }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/compliance',
      access: 'viewer',
      scope: 'unit',
      summary: 'Units in scope: who has issued the implementing plan, when, and who is late',
      tags,
      params: ZIdParams,
      response: { 200: ZCompliance },
      handler: ({ params, actor, services }) => services.planCompliance.compliance(actor, params.id),
    }),
  ];
}
