import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZId, ZIdParams } from '../../contracts/common.ts';
import {
  ZCompletenessView,
  ZConsolidatedExport,
  ZConsolidatedQuery,
  ZConsolidatedReport,
  ZConsolidatedSubmit,
  ZDashboardExportQuery,
  ZDrilldown,
  ZDrilldownQuery,
  ZPlanDashboard,
  ZPlanDashboardQuery,
  ZRebuildQuery,
  ZRebuildResult,
  ZUnitDashboard,
} from '../../contracts/dashboard.ts';
import { ZReport } from '../../contracts/reporting.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';
import type { Services } from '../services/services.ts';

const tags = ['dashboards'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The two files of a consolidated report: GET gives the compiled text, POST carries the edited one. */
const CONSOLIDATED_FILES = [
  { format: 'docx', contentType: DOCX, label: 'DOCX in the official layout' },
  { format: 'xlsx', contentType: XLSX, label: 'XLSX (numbers by unit, targets, texts, units not reporting)' },
] as const;

function consolidatedFileRoutes() {
  return CONSOLIDATED_FILES.flatMap(({ format, contentType, label }) => {
    const send = async (
      services: Services,
      reply: FastifyReply,
      args: Parameters<Services['consolidated']['docx']>,
    ) => {
      sendFile(reply, await services.consolidated[format](...args), contentType);
      return undefined;
    };
    return [
      defineRoute({
        method: 'GET',
        url: `/api/periods/:id/consolidated.${format}`,
        access: 'viewer',
        scope: 'unit',
        summary: `The consolidated report as ${label}, with the compiled text`,
        tags,
        params: ZIdParams,
        query: ZConsolidatedQuery,
        produces: contentType,
        handler: ({ params, query, actor, services, reply }) =>
          send(services, reply, [actor, params.id, query.unitId]),
      }),
      defineRoute({
        method: 'POST',
        url: `/api/periods/:id/consolidated.${format}`,
        access: 'viewer',
        scope: 'unit',
        summary: `The consolidated report as ${label}, with the narrative as edited (nothing is saved)`,
        tags,
        params: ZIdParams,
        body: ZConsolidatedExport,
        produces: contentType,
        handler: ({ params, body, actor, services, reply }) =>
          send(services, reply, [actor, params.id, body.unitId, body.narrative]),
      }),
    ];
  });
}

export function dashboardRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/dashboard',
      access: 'viewer',
      scope: 'unit',
      summary:
        'A plan’s dashboard: targets with status and projection, the plan unit’s direct units ranked, trend over periods, completeness and late units',
      tags,
      params: ZIdParams,
      query: ZPlanDashboardQuery,
      response: { 200: ZPlanDashboard },
      handler: ({ params, query, actor, services }) =>
        services.dashboard.planDashboard(actor, params.id, query.periodId, {
          completeness: query.completeness === 'true',
        }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/plans/:id/dashboard.xlsx',
      access: 'viewer',
      scope: 'unit',
      summary: 'One table of a plan’s dashboard (targets, units or completeness) as XLSX',
      tags,
      params: ZIdParams,
      query: ZDashboardExportQuery,
      produces: XLSX,
      handler: async ({ params, query, actor, services, reply }) => {
        sendFile(
          reply,
          await services.dashboard.exportXlsx(actor, params.id, query.periodId, query.table),
          XLSX,
        );
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/units/:id/dashboard',
      access: 'viewer',
      scope: 'unit',
      summary: 'Every plan of a unit (its own and received from above) with its targets’ status',
      tags,
      params: ZIdParams,
      response: { 200: ZUnitDashboard },
      handler: ({ params, actor, services }) => services.dashboard.unitDashboard(actor, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/periods/:id/drilldown',
      access: 'viewer',
      scope: 'unit',
      summary: 'A unit’s direct units with their figures and the path from the plan’s unit (drill-down)',
      tags,
      params: ZIdParams,
      query: ZDrilldownQuery,
      response: { 200: ZDrilldown },
      handler: ({ params, query, actor, services }) =>
        services.drilldown.drilldown(actor, params.id, query.unitId, query.indicatorId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/periods/:id/completeness',
      access: 'viewer',
      scope: 'unit',
      summary: 'Completeness and timeliness of a unit’s subtree: per direct unit, per level, late units',
      tags,
      params: ZIdParams,
      query: z.object({ unitId: ZId.optional() }),
      response: { 200: ZCompletenessView },
      // A dashboard read: on a streaming replica when one is fresh enough (db/read-routing.ts).
      handler: async ({ params, query, actor, services }) => {
        const { value, freshness } = await services.reads.read(() =>
          services.completeness.forPeriod(actor, params.id, query.unitId),
        );
        return { ...value, freshness };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/admin/rollups/rebuild',
      access: 'admin',
      scope: 'unit',
      summary: 'Recompute the roll-ups of one period (or of every period of the admin’s plans) from scratch',
      tags,
      query: ZRebuildQuery,
      response: { 200: ZRebuildResult },
      handler: async ({ query, actor, services }) => ({
        periods: await services.rollup.rebuildFor(actor, query.periodId),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/periods/:id/consolidated',
      access: 'viewer',
      scope: 'unit',
      summary:
        'A unit’s consolidated report for a period: its subtree’s numbers, its units’ texts by section, results against targets, units not reporting',
      tags,
      params: ZIdParams,
      query: ZConsolidatedQuery,
      response: { 200: ZConsolidatedReport },
      handler: ({ params, query, actor, services }) =>
        services.consolidated.compile(actor, params.id, query.unitId),
    }),
    ...consolidatedFileRoutes(),
    defineRoute({
      method: 'POST',
      url: '/api/periods/:id/consolidated/submit',
      access: 'officer',
      scope: 'unit',
      summary:
        'File the consolidated report as the unit’s own report to its parent (same period key): its roll-up and the edited text',
      tags,
      params: ZIdParams,
      body: ZConsolidatedSubmit,
      response: { 200: ZReport },
      handler: ({ params, body, actor, services }) => services.consolidated.submit(actor, params.id, body),
    }),
  ];
}
