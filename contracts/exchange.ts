import { z } from 'zod';
import { ZId, ZRefId } from './common.ts';

/** Exchange with DHIS2 (ADX and dataValueSets JSON): the mapping of codes, export and import. */

/** A code in the other system: DHIS2 codes are short, printable text. */
export const ZExchangeCode = z
  .string()
  .trim()
  .min(1)
  .max(100)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a code holds no control character
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters');

/** An ADX disaggregation attribute name (an XML name, e.g. SEX), or '' for none. */
export const ZAdxName = z
  .string()
  .trim()
  .max(60)
  .regex(/^([A-Za-z_][A-Za-z0-9_.-]*)?$/, 'an XML attribute name (letters, digits, _ . -), e.g. SEX')
  .refine((n) => !['dataElement', 'value', 'xmlns', 'annotation'].includes(n), 'a name ADX itself uses');

export const ZValuePart = z.enum(['value', 'numerator', 'denominator']);
export const ZExchangeCategory = z.enum(['total', 'male', 'female']);

export const ZDataElementMapping = z.object({
  indicatorId: ZRefId,
  category: ZExchangeCategory,
  /** `value` for a count, sum or yes/no; a ratio sends `numerator` and `denominator` apart. */
  part: ZValuePart,
  dataElement: ZExchangeCode,
  /** '' = DHIS2's default category option combo. */
  categoryOptionCombo: z.union([ZExchangeCode, z.literal('')]).default(''),
  adxCategory: ZAdxName.default(''),
  adxOption: z.union([ZExchangeCode, z.literal('')]).default(''),
});
export type TDataElementMapping = z.infer<typeof ZDataElementMapping>;

export const ZDataElementKey = z.object({
  indicatorId: ZId,
  category: ZExchangeCategory,
  part: ZValuePart,
});

export const ZOrgUnitMapping = z.object({ unitId: ZRefId, orgUnit: ZExchangeCode });
export const ZDataSetMapping = z.object({ scheduleId: ZRefId, dataSet: ZExchangeCode });

export const ZExchangeMapping = z.object({
  dataElements: z.array(
    ZDataElementMapping.extend({
      indicatorCode: z.string(),
      indicatorName: z.string(),
      updatedAt: z.string(),
    }),
  ),
  orgUnits: z.array(
    ZOrgUnitMapping.extend({ unitCode: z.string(), unitName: z.string().nullable(), updatedAt: z.string() }),
  ),
  dataSets: z.array(ZDataSetMapping.extend({ scheduleName: z.string(), updatedAt: z.string() })),
});
export type TExchangeMapping = z.infer<typeof ZExchangeMapping>;

export const ZExchangeFormat = z.enum(['adx', 'json']);
export type TExchangeFormat = z.infer<typeof ZExchangeFormat>;

export const ZExchangeExportQuery = z.object({
  periodId: ZId,
  /** The subtree's root; default the caller's home unit. */
  unitId: ZId.optional(),
  format: ZExchangeFormat.default('adx'),
});

/** What an export holds and what it leaves out, before downloading it. */
export const ZExchangeExportSummary = z.object({
  dataSet: z.string().nullable(),
  period: z.object({ key: z.string(), dhis2: z.string().nullable(), adx: z.string().nullable() }),
  reports: z.number().int(),
  values: z.number().int(),
  /** Value parts of approved reports left out: no data element is mapped to them. */
  omitted: z.array(
    z.object({ indicatorCode: z.string(), category: z.string(), part: z.string(), count: z.number().int() }),
  ),
  /** Why the export cannot be made, when it cannot (e.g. no data set code). */
  blocked: z.string().nullable(),
});
export type TExchangeExportSummary = z.infer<typeof ZExchangeExportSummary>;

export const ZExchangeImportQuery = z.object({
  periodId: ZId,
  commit: z.enum(['true', 'false']).default('false'),
});

export const ZExchangeError = z.object({
  /** Where in the file: `dataValues[3]`, `group 2, dataValue 5`, a CSV `row 4`. */
  at: z.string(),
  code: z.string(),
  message: z.string(),
  dataElement: z.string().optional(),
  orgUnit: z.string().optional(),
  period: z.string().optional(),
});

export const ZExchangeImportResult = z.object({
  applied: z.boolean(),
  format: ZExchangeFormat,
  /** Reports the file fills (saved as drafts when applied). */
  reports: z.number().int(),
  values: z.number().int(),
  errors: z.array(ZExchangeError),
});
export type TExchangeImportResult = z.infer<typeof ZExchangeImportResult>;

export const ZMappingImportQuery = z.object({ commit: z.enum(['true', 'false']).default('false') });

export const ZMappingImportResult = z.object({
  applied: z.boolean(),
  dataElements: z.number().int(),
  orgUnits: z.number().int(),
  dataSets: z.number().int(),
  errors: z.array(ZExchangeError),
});
export type TMappingImportResult = z.infer<typeof ZMappingImportResult>;
