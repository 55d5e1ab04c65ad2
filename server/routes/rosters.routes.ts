import { z } from 'zod';
import { ZId, ZIdParams, ZOk, ZVersion } from '../../contracts/common.ts';
import { ZReport } from '../../contracts/reporting.ts';
import {
  ZActivityDetail,
  ZActivityInput,
  ZActivityList,
  ZActivityQuery,
  ZActivityUpdate,
  ZComputedApply,
  ZComputedOverride,
  ZComputedPeople,
  ZComputedValues,
  ZIndicatorDefinition,
  ZIndicatorDefinitionInput,
  ZIndicatorDefinitionList,
  ZRosterDelete,
  ZRosterImportResult,
  ZRosterList,
  ZRosterPerson,
  ZRosterPersonInput,
  ZRosterPersonUpdate,
  ZRosterQuery,
} from '../../contracts/rosters.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';
import { withUpload } from '../http/upload.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZUnitQuery = z.object({ unitId: ZId });
const ZReportIndicatorParams = z.object({ id: ZId, indicatorId: ZId });

/**
 * `/api/rosters`, `/api/activities` and the computed indicators of a report. A roster is personal
 * data (Decree 13/2023/NĐ-CP): officers and above read it within their organisation, every read is
 * audited, managers export and delete.
 */
export function rosterRoutes() {
  const tags = ['rosters'];
  return [
    defineRoute({
      method: 'GET',
      url: '/api/rosters',
      access: 'officer',
      scope: 'unit',
      summary:
        "A unit's roster (key cadres, women's-affairs cadres, committee members) with its stated purpose; every read audited",
      tags,
      query: ZRosterQuery,
      response: { 200: ZRosterList },
      handler: ({ query, actor, services, locale }) => services.rosters.list(actor, query, locale),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/rosters',
      access: 'officer',
      scope: 'unit',
      summary: "Add a person to a unit's roster",
      tags,
      body: ZRosterPersonInput,
      response: { 201: ZRosterPerson },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.rosters.create(actor, body);
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/rosters/:id',
      access: 'officer',
      scope: 'unit',
      summary: 'Change a roster person (post, dates, details); 409 on a stale version',
      tags,
      params: ZIdParams,
      body: ZRosterPersonUpdate,
      response: { 200: ZRosterPerson },
      handler: ({ params, body, actor, services }) => services.rosters.update(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/rosters/:id/delete',
      access: 'manager',
      scope: 'unit',
      summary:
        'Delete a person on request (hard delete with their attendance; the reason audited, no personal data kept)',
      tags,
      params: ZIdParams,
      body: ZRosterDelete,
      response: { 200: ZOk },
      handler: async ({ params, body, actor, services }) => {
        await services.rosters.remove(actor, params.id, body.reason, body.version);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/rosters/template.xlsx',
      access: 'officer',
      scope: 'none',
      summary: 'The roster import template (no personal data)',
      tags,
      produces: XLSX,
      handler: async ({ services, reply }) => {
        sendFile(reply, await services.rosters.template(), XLSX);
        return undefined;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/rosters/export.xlsx',
      access: 'manager',
      scope: 'unit',
      summary: "A unit's roster as the template (managers only; audited)",
      tags,
      query: ZUnitQuery,
      produces: XLSX,
      handler: async ({ query, actor, services, reply }) => {
        sendFile(reply, await services.rosters.export(actor, query.unitId), XLSX);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/rosters/import',
      access: 'officer',
      scope: 'unit',
      summary:
        'Upload a filled roster template: commit=false names every bad cell; commit=true adds all or nothing',
      tags,
      query: ZUnitQuery.extend({ commit: z.enum(['true', 'false']).default('false') }),
      multipart: true,
      response: { 200: ZRosterImportResult },
      // streamed to disk within the size limit; read in a worker process (SpreadsheetReader)
      handler: ({ query, raw, actor, services }) =>
        withUpload(raw, (file) =>
          services.rosters.import(actor, query.unitId, file, query.commit === 'true'),
        ),
    }),
    // ----- activities -----
    defineRoute({
      method: 'GET',
      url: '/api/activities',
      access: 'viewer',
      scope: 'unit',
      summary:
        "A unit's activities (trainings, communication sessions, care activities), newest first; no names",
      tags,
      query: ZActivityQuery,
      response: { 200: ZActivityList },
      handler: async ({ query, actor, services }) => ({
        activities: await services.activities.list(actor, query),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/activities/:id',
      access: 'officer',
      scope: 'unit',
      summary: 'An activity with who attended (a roster read, audited)',
      tags,
      params: ZIdParams,
      response: { 200: ZActivityDetail },
      handler: ({ params, actor, services }) => services.activities.get(actor, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/activities',
      access: 'officer',
      scope: 'unit',
      summary: 'Record an activity with its attendees (roster people, each once) and counts of the public',
      tags,
      body: ZActivityInput,
      response: { 201: ZActivityDetail },
      handler: async ({ body, actor, services, reply }) => {
        reply.status(201);
        return services.activities.create(actor, body);
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/activities/:id',
      access: 'officer',
      scope: 'unit',
      summary: 'Change an activity and its attendees; 409 on a stale version',
      tags,
      params: ZIdParams,
      body: ZActivityUpdate,
      response: { 200: ZActivityDetail },
      handler: ({ params, body, actor, services }) => services.activities.update(actor, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/activities/:id/delete',
      access: 'officer',
      scope: 'unit',
      summary: 'Delete an activity (its attendance with it)',
      tags,
      params: ZIdParams,
      body: z.object({ version: ZVersion }),
      response: { 200: ZOk },
      handler: async ({ params, body, actor, services }) => {
        await services.activities.remove(actor, params.id, body.version);
        return { ok: true as const };
      },
    }),
    // ----- computed indicators -----
    defineRoute({
      method: 'GET',
      url: '/api/indicator-definitions',
      access: 'viewer',
      scope: 'none',
      summary: 'The indicators computed from rosters and activities, with their definitions',
      tags,
      response: { 200: ZIndicatorDefinitionList },
      handler: async ({ actor, services }) => ({ definitions: await services.computed.definitions(actor) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/indicators/:id/definition',
      access: 'manager',
      scope: 'none',
      summary:
        'Make a ratio indicator computed: distinct people of a roster category who attended an activity of a kind / the category',
      tags,
      params: ZIdParams,
      body: ZIndicatorDefinitionInput,
      response: { 200: ZIndicatorDefinition },
      handler: ({ params, body, actor, services }) => services.computed.define(actor, params.id, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/indicators/:id/definition',
      access: 'manager',
      scope: 'none',
      summary: 'Make a computed indicator typed again',
      tags,
      params: ZIdParams,
      response: { 200: ZOk },
      handler: async ({ params, actor, services }) => {
        await services.computed.undefine(actor, params.id);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/reports/:id/computed',
      access: 'viewer',
      scope: 'unit',
      summary:
        "A report's computed indicators: the value computed, the value held, and whether it was overridden",
      tags,
      params: ZIdParams,
      response: { 200: ZComputedValues },
      handler: async ({ params, actor, services }) => ({
        values: await services.computed.values(actor, params.id),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/reports/:id/computed/:indicatorId/people',
      access: 'officer',
      scope: 'unit',
      summary: 'The people behind a computed value, each marked attended or not (a roster read, audited)',
      tags,
      params: ZReportIndicatorParams,
      response: { 200: ZComputedPeople },
      handler: ({ params, actor, services }) =>
        services.computed.people(actor, params.id, params.indicatorId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/reports/:id/computed/apply',
      access: 'officer',
      scope: 'unit',
      summary:
        "Fill the report's computed indicators with what they compute to (an override with a reason is kept)",
      tags,
      params: ZIdParams,
      body: ZComputedApply,
      response: { 200: ZReport },
      handler: ({ params, body, actor, services }) => services.computed.apply(actor, params.id, body.version),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/reports/:id/computed/:indicatorId/override',
      access: 'officer',
      scope: 'unit',
      summary:
        'Replace a computed value with your own, giving the reason (audited beside the computed value)',
      tags,
      params: ZReportIndicatorParams,
      body: ZComputedOverride,
      response: { 200: ZReport },
      handler: ({ params, body, actor, services }) =>
        services.computed.override(actor, params.id, params.indicatorId, body),
    }),
  ];
}
