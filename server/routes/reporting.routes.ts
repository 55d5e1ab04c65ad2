import { z } from 'zod';
import { ZId, ZIdParams, ZRefId, ZVersion } from '../../contracts/common.ts';
import {
  ZDueList,
  ZExcelImportResult,
  ZForm,
  ZFormContent,
  ZIndicator,
  ZIndicatorInput,
  ZIndicatorList,
  ZPeriodStatus,
  ZReport,
  ZReportSave,
  ZReturn,
  ZReview,
  ZReviewQueue,
  ZReviewQueueQuery,
  ZScheduleCreate,
  ZScheduleList,
  ZTargetBinding,
  ZTargetSuggestionList,
} from '../../contracts/reporting.ts';
import { ZScheduleCreated } from '../../contracts/upward-reporting.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';
import { withUpload } from '../http/upload.ts';

const tags = ['reporting'];

export function reportingRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/indicators',
      access: 'viewer',
      scope: 'none',
      summary: 'Indicators (what is measured): ratio, count, sum or yes/no',
      tags,
      response: { 200: ZIndicatorList },
      handler: async ({ actor, services }) => ({
        indicators: await services.indicators.listIndicators(actor),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/indicators',
      access: 'manager',
      scope: 'none',
      summary: 'Define an indicator',
      tags,
      body: ZIndicatorInput,
      response: { 201: ZIndicator },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.indicators.createIndicator(actor, body);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/indicator-suggestions',
      access: 'viewer',
      scope: 'unit',
      summary: 'For each target of a plan: its bound indicator and suggestions from the target’s words',
      tags,
      params: ZIdParams,
      response: { 200: ZTargetSuggestionList },
      handler: async ({ params, actor, services }) => ({
        targets: await services.indicators.suggestForPlan(actor, params.id),
      }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/plans/:id/targets/:targetId/indicator',
      access: 'officer',
      scope: 'unit',
      summary: 'Bind a target to an indicator (the user confirms a suggestion)',
      tags,
      params: z.object({ id: ZId, targetId: ZId }),
      body: z.object({ indicatorId: ZRefId }),
      response: { 200: ZTargetBinding },
      handler: ({ params, body, actor, services }) =>
        services.indicators.bindTarget(actor, params.id, params.targetId, body.indicatorId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/schedules',
      access: 'manager',
      scope: 'unit',
      summary: 'Make a plan’s reporting duty a schedule: a form (indicators, sections) and its periods',
      tags,
      body: ZScheduleCreate,
      response: { 201: ZScheduleCreated },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.schedules.createSchedule(actor, body);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/schedules',
      access: 'viewer',
      scope: 'unit',
      summary: 'A plan’s reporting schedules with their forms and periods',
      tags,
      params: ZIdParams,
      response: { 200: ZScheduleList },
      handler: async ({ params, actor, services }) => ({
        schedules: await services.schedules.schedulesOfPlan(actor, params.id),
      }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/forms/:id',
      access: 'manager',
      scope: 'unit',
      summary: 'Revise a form: a new version; reports already started keep theirs',
      tags,
      params: ZIdParams,
      body: ZFormContent.extend({ version: ZVersion }),
      response: { 200: ZForm },
      handler: ({ params, body, actor, services }) => services.indicators.reviseForm(actor, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/my-reports',
      access: 'viewer',
      scope: 'own',
      summary: '“Báo cáo của tôi”: what the caller’s unit must report, with due dates and status',
      tags,
      response: { 200: ZDueList },
      handler: async ({ actor, services }) => ({ items: await services.schedules.myDue(actor) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/review-queue',
      access: 'officer',
      scope: 'own',
      summary:
        'Submitted reports of the units below the caller, waiting for review: a page, oldest sent first',
      tags,
      query: ZReviewQueueQuery,
      response: { 200: ZReviewQueue },
      handler: ({ actor, query, services }) => services.reviews.reviewQueue(actor, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/periods/:id/status',
      access: 'viewer',
      scope: 'unit',
      summary: 'Units × status for one period: expected, submitted, on time, approved, late',
      tags,
      params: ZIdParams,
      response: { 200: ZPeriodStatus },
      handler: ({ params, actor, services }) => services.schedules.periodStatus(actor, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/reports',
      access: 'viewer',
      scope: 'unit',
      summary: 'Open the report of a unit for a period (created as a draft on first open by an officer)',
      tags,
      body: z.object({ periodId: ZRefId, unitId: ZRefId }),
      response: { 200: ZReport },
      handler: ({ body, actor, services }) => services.reports.open(actor, body.periodId, body.unitId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/reports/:id',
      access: 'viewer',
      scope: 'unit',
      summary: 'A report with its form version, values, last period’s values, narrative and issues',
      tags,
      params: ZIdParams,
      response: { 200: ZReport },
      handler: ({ params, actor, services }) => services.reports.get(actor, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/reports/:id',
      access: 'officer',
      scope: 'unit',
      summary: 'Save a draft (autosave): values and narrative whole, optimistic version',
      tags,
      params: ZIdParams,
      body: ZReportSave,
      response: { 200: ZReport },
      handler: ({ params, body, actor, services, raw }) =>
        services.idempotency.once(
          actor,
          raw.headers['idempotency-key'],
          `report.save:${params.id}`,
          200,
          () => services.reports.save(actor, params.id, body),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/reports/:id/submit',
      access: 'officer',
      scope: 'unit',
      summary: 'Submit a report (400 naming the first bad field; late submissions allowed and flagged)',
      tags,
      params: ZIdParams,
      body: ZReview,
      response: { 200: ZReport },
      handler: ({ params, body, actor, services, raw }) =>
        services.idempotency.once(
          actor,
          raw.headers['idempotency-key'],
          `report.submit:${params.id}`,
          200,
          () => services.reports.submit(actor, params.id, body.version),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/reports/:id/return',
      access: 'officer',
      scope: 'unit',
      summary: 'Return a submitted report with a reason (the level above)',
      tags,
      params: ZIdParams,
      body: ZReturn,
      response: { 200: ZReport },
      handler: ({ params, body, actor, services }) =>
        services.reviews.returnReport(actor, params.id, body.reason, body.version),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/reports/:id/approve',
      access: 'officer',
      scope: 'unit',
      summary: 'Approve (lock) a submitted report (the level above); roll-ups follow at once',
      tags,
      params: ZIdParams,
      body: ZReview,
      response: { 200: ZReport },
      handler: ({ params, body, actor, services }) =>
        services.reviews.approve(actor, params.id, body.version),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/reports/:id/unlock',
      access: 'manager',
      scope: 'unit',
      summary: 'Unlock an approved report (a manager above; audited); it goes back to returned',
      tags,
      params: ZIdParams,
      body: ZReturn,
      response: { 200: ZReport },
      handler: ({ params, body, actor, services }) =>
        services.reviews.unlock(actor, params.id, body.reason, body.version),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/periods/:id/template.xlsx',
      access: 'officer',
      scope: 'unit',
      summary: 'Excel template for one unit (unitId) or one row per unit in scope below parentId, pre-filled',
      tags,
      params: ZIdParams,
      query: z.object({ unitId: ZId.optional(), parentId: ZId.optional() }),
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      handler: async ({ params, query, actor, services, reply }) => {
        const file = await services.reportExcel.template(actor, params.id, query);
        sendFile(reply, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/periods/:id/import',
      access: 'officer',
      scope: 'unit',
      summary:
        'Upload a filled template: commit=false lists every bad cell; commit=true saves all or nothing; submit=true also checks the filled rows as for sending and sends them in the same transaction',
      tags,
      params: ZIdParams,
      query: z.object({
        commit: z.enum(['true', 'false']).default('false'),
        submit: z.enum(['true', 'false']).default('false'),
      }),
      multipart: true,
      response: { 200: ZExcelImportResult },
      // streamed to disk within the size limit; read in a worker process (DocumentReaderPool)
      handler: ({ params, query, raw, actor, services }) =>
        withUpload(raw, (file) =>
          services.reportExcel.import(actor, params.id, file, query.commit === 'true', {
            submit: query.submit === 'true',
          }),
        ),
    }),
  ];
}
