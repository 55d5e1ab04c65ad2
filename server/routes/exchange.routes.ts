import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ZId, ZOk } from '../../contracts/common.ts';
import {
  ZDataElementKey,
  ZDataElementMapping,
  ZDataSetMapping,
  ZExchangeExportQuery,
  ZExchangeExportSummary,
  ZExchangeImportQuery,
  ZExchangeImportResult,
  ZExchangeMapping,
  ZMappingImportQuery,
  ZMappingImportResult,
  ZOrgUnitMapping,
} from '../../contracts/exchange.ts';
import { defineRoute } from '../http/route-spec.ts';
import { sendFile } from '../http/send-file.ts';
import { withUpload } from '../http/upload.ts';

const tags = ['exchange'];

/** Exchange with DHIS2: ADX and dataValueSets JSON (docs/dhis2-exchange.md). */
export function exchangeRoutes() {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/exchange/mapping',
      access: 'viewer',
      scope: 'none',
      summary:
        'The DHIS2 codes of our indicators (data elements, category option combos), units and schedules',
      tags,
      response: { 200: ZExchangeMapping },
      handler: ({ actor, services }) => services.exchangeMapping.mapping(actor),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/exchange/data-elements',
      access: 'manager',
      scope: 'none',
      summary:
        'Map an indicator’s category and part to a data element (and category option combo / ADX breakdown)',
      tags,
      body: ZDataElementMapping,
      response: { 200: ZOk },
      handler: ({ body, actor, services }) => services.exchangeMapping.setDataElement(actor, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/exchange/data-elements',
      access: 'manager',
      scope: 'none',
      summary: 'Remove an indicator’s data element mapping',
      tags,
      query: ZDataElementKey,
      response: { 200: ZOk },
      handler: ({ query, actor, services }) =>
        services.exchangeMapping.removeDataElement(actor, query.indicatorId, query.category, query.part),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/exchange/org-units',
      access: 'manager',
      scope: 'unit',
      summary: 'Set a unit’s organisation unit code in DHIS2 (without one, our unit code is sent)',
      tags,
      body: ZOrgUnitMapping,
      response: { 200: ZOk },
      handler: ({ body, actor, services }) =>
        services.exchangeMapping.setOrgUnit(actor, body.unitId, body.orgUnit),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/exchange/org-units/:unitId',
      access: 'manager',
      scope: 'unit',
      summary: 'Remove a unit’s DHIS2 organisation unit code',
      tags,
      params: z.object({ unitId: ZId }),
      response: { 200: ZOk },
      handler: ({ params, actor, services }) => services.exchangeMapping.removeOrgUnit(actor, params.unitId),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/exchange/data-sets',
      access: 'manager',
      scope: 'unit',
      summary: 'Set a reporting schedule’s DHIS2 data set code',
      tags,
      body: ZDataSetMapping,
      response: { 200: ZOk },
      handler: ({ body, actor, services }) =>
        services.exchangeMapping.setDataSet(actor, body.scheduleId, body.dataSet),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/exchange/data-sets/:scheduleId',
      access: 'manager',
      scope: 'unit',
      summary: 'Remove a reporting schedule’s DHIS2 data set code',
      tags,
      params: z.object({ scheduleId: ZId }),
      response: { 200: ZOk },
      handler: ({ params, actor, services }) =>
        services.exchangeMapping.removeDataSet(actor, params.scheduleId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/exchange/mapping/import',
      access: 'manager',
      scope: 'own',
      summary:
        'Upload the mapping as CSV: commit=false lists every bad row; commit=true saves all or nothing',
      tags,
      query: ZMappingImportQuery,
      multipart: true,
      response: { 200: ZMappingImportResult },
      // streamed to disk within the size limit (http/upload.ts), then read and checked
      handler: ({ query, raw, actor, services }) =>
        withUpload(raw, async (file) =>
          services.exchangeMapping.importMapping(actor, await readFile(file.path), query.commit === 'true'),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/exchange/export/summary',
      access: 'viewer',
      scope: 'unit',
      summary: 'What an export of a period’s approved values for a subtree holds and leaves out',
      tags,
      query: ZExchangeExportQuery,
      response: { 200: ZExchangeExportSummary },
      handler: ({ query, actor, services }) =>
        services.exchange.exportSummary(actor, query.periodId, query.unitId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/exchange/export',
      access: 'viewer',
      scope: 'unit',
      summary:
        'A period’s approved values for a subtree as ADX XML (format=adx) or DHIS2 dataValueSets JSON (format=json)',
      tags,
      query: ZExchangeExportQuery,
      produces: 'application/adx+xml',
      handler: async ({ query, actor, services, reply }) => {
        const file = await services.exchange.export(actor, query.periodId, query.unitId, query.format);
        sendFile(reply, file, file.contentType);
        return undefined;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/exchange/import',
      access: 'officer',
      scope: 'unit',
      summary:
        'Upload a DHIS2 dataValueSets JSON or ADX file into a period’s reports as drafts: commit=false lists every error; commit=true saves all or nothing',
      tags,
      query: ZExchangeImportQuery,
      multipart: true,
      response: { 200: ZExchangeImportResult },
      // streamed to disk within the size limit (http/upload.ts), then read and checked
      handler: ({ query, raw, actor, services }) =>
        withUpload(raw, async (file) =>
          services.exchange.import(actor, query.periodId, await readFile(file.path), query.commit === 'true'),
        ),
    }),
  ];
}
