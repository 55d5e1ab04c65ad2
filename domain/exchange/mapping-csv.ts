import type { z } from 'zod';
import {
  type TDataElementMapping,
  ZDataElementMapping,
  ZDataSetMapping,
  type ZExchangeError,
  ZOrgUnitMapping,
} from '../../contracts/exchange.ts';
import { type MappedIndicator, mappingProblem } from './mapping.ts';

/**
 * The mapping CSV's rows read and checked, with no I/O: each row names a data element of an
 * indicator's cell, an organisation unit's code or a schedule's data set; every bad row is named by
 * its line and column, and a code given twice in the file is refused at its second place. The
 * service looks up the indicators and units by their codes first and checks what is stored after.
 */

export type TExchangeError = z.infer<typeof ZExchangeError>;

/** The header of the mapping CSV (docs/dhis2-exchange.md). */
export const MAPPING_CSV_HEADER = [
  'kind',
  'local_code',
  'category',
  'part',
  'code',
  'category_option_combo',
  'adx_category',
  'adx_option',
] as const;

/** An indicator as the CSV names it (by its code). */
export interface CsvIndicator extends MappedIndicator {
  id: number;
}

export interface MappingRows {
  dataElements: TDataElementMapping[];
  orgUnits: { unitId: number; orgUnit: string }[];
  dataSets: { scheduleId: number; dataSet: string }[];
  errors: TExchangeError[];
}

/** The CSV column a field of the mapping contracts is read from. */
const CSV_COLUMN: Record<string, string> = {
  indicatorId: 'local_code',
  unitId: 'local_code',
  scheduleId: 'local_code',
  category: 'category',
  part: 'part',
  dataElement: 'code',
  orgUnit: 'code',
  dataSet: 'code',
  categoryOptionCombo: 'category_option_combo',
  adxCategory: 'adx_category',
  adxOption: 'adx_option',
};

function columnOf(field: string): string {
  return CSV_COLUMN[field] ?? field;
}

/**
 * The rows of a parsed mapping CSV (one record a line, keyed by the header) checked against the
 * indicators (by code) and units (by code) they name.
 */
export function readMappingRows(
  records: readonly Record<string, string | undefined>[],
  indicators: ReadonlyMap<string, CsvIndicator>,
  unitIds: ReadonlyMap<string, number>,
): MappingRows {
  const out: MappingRows = { dataElements: [], orgUnits: [], dataSets: [], errors: [] };
  const missing = MAPPING_CSV_HEADER.filter((h) => !(records[0] && h in records[0]));
  if (records.length > 0 && missing.length > 0) {
    out.errors.push({ at: 'dòng 1', code: 'missing_column', message: `Thiếu cột: ${missing.join(', ')}.` });
    return out;
  }
  const seenCodes = new Map<string, string>();
  const readRow = (r: Record<string, string | undefined>, i: number) => {
    const at = `dòng ${i + 2}`;
    const refuse = (code: string, message: string): void => {
      out.errors.push({ at, code, message: `${at}: ${message}` });
    };
    const claim = (key: string, what: string) => {
      const first = seenCodes.get(key);
      if (first) refuse('duplicate', `${what} đã có ở ${first}.`);
      else seenCodes.set(key, at);
      return !first;
    };
    if (r.kind === 'data_element') {
      const indicator = indicators.get(r.local_code ?? '');
      if (!indicator) return refuse('unknown_indicator', `không có chỉ số mã "${r.local_code}".`);
      const parsed = ZDataElementMapping.safeParse({
        indicatorId: indicator.id,
        category: r.category || 'total',
        part: r.part || (indicator.kind === 'ratio' ? '' : 'value'),
        dataElement: r.code,
        categoryOptionCombo: r.category_option_combo ?? '',
        adxCategory: r.adx_category ?? '',
        adxOption: r.adx_option ?? '',
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return refuse('bad_value', `cột ${columnOf(String(issue.path[0] ?? ''))}: ${issue.message}.`);
      }
      const problem = mappingProblem(indicator, parsed.data);
      if (problem) return refuse(problem.code, `cột ${columnOf(problem.field)}: ${problem.message}`);
      const m = parsed.data;
      if (!claim(`cell:${m.indicatorId}:${m.category}:${m.part}`, 'Ô chỉ số/nhóm/phần này')) return;
      if (
        !claim(
          `coc:${m.dataElement}:${m.categoryOptionCombo}`,
          `Mã ${m.dataElement} với nhóm "${m.categoryOptionCombo}"`,
        )
      )
        return;
      if (
        !claim(
          `adx:${m.dataElement}:${m.adxCategory}:${m.adxOption}`,
          `Mã ${m.dataElement} với phân tổ ADX "${m.adxCategory}=${m.adxOption}"`,
        )
      )
        return;
      out.dataElements.push(m);
    } else if (r.kind === 'org_unit') {
      const unitId = unitIds.get(r.local_code ?? '');
      if (unitId === undefined) return refuse('unknown_unit', `không có đơn vị mã "${r.local_code}".`);
      const parsed = ZOrgUnitMapping.safeParse({ unitId, orgUnit: r.code });
      if (!parsed.success) return refuse('bad_value', `cột code: ${parsed.error.issues[0]!.message}.`);
      if (
        !claim(`unit:${unitId}`, `Đơn vị ${r.local_code}`) ||
        !claim(`ou:${parsed.data.orgUnit}`, `Mã ${parsed.data.orgUnit}`)
      )
        return;
      out.orgUnits.push(parsed.data);
    } else if (r.kind === 'data_set') {
      const parsed = ZDataSetMapping.safeParse({ scheduleId: Number(r.local_code), dataSet: r.code });
      if (!parsed.success)
        return refuse(
          'bad_value',
          `cột ${columnOf(String(parsed.error.issues[0]!.path[0] ?? ''))}: ${parsed.error.issues[0]!.message}.`,
        );
      if (!claim(`ds:${parsed.data.scheduleId}`, `Lịch báo cáo ${parsed.data.scheduleId}`)) return;
      out.dataSets.push(parsed.data);
    } else
      refuse('bad_kind', `cột kind phải là data_element, org_unit hoặc data_set (có: "${r.kind ?? ''}").`);
  };
  for (const [i, r] of records.entries()) readRow(r, i);
  return out;
}
