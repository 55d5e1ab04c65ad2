import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ADX_NAMESPACE } from '../../domain/exchange/data-values.ts';

/**
 * Reads a DHIS2 dataValueSets JSON or an ADX file into rows, naming every problem with where it is.
 * Refuses a file over its size, with a DOCTYPE (so no entity is ever defined, let alone expanded)
 * or with more values than a period can hold. Pure: the bytes in, rows and problems out.
 */

export const EXCHANGE_LIMITS = {
  /** Bytes of one file. */
  maxBytes: 20 * 1024 * 1024,
  /** Values in one file. */
  maxValues: 200_000,
};

/** One value as the file gives it. `at` says where: `dataValues[3]`, `group 2, dataValue 5`. */
export interface ExchangeRow {
  at: string;
  dataElement: string;
  orgUnit: string;
  period: string;
  /** JSON: the category option combo ('' = default). ADX: null. */
  categoryOptionCombo: string | null;
  /** ADX: the disaggregation attributes (SEX = F). JSON: empty. */
  disaggregation: Record<string, string>;
  value: string;
  comment: string | null;
}

export interface ExchangeProblem {
  at: string;
  /** Stable code for tests and translations. */
  code: string;
  /** Vietnamese, naming the place and the field. */
  message: string;
  dataElement?: string;
  orgUnit?: string;
  period?: string;
}

export interface ExchangeReading {
  format: 'adx' | 'json';
  rows: ExchangeRow[];
  problems: ExchangeProblem[];
}

/** Which format the bytes are in: JSON starts with `{`, XML with `<`. */
export function sniffExchangeFormat(text: string): 'adx' | 'json' | null {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'json';
  if (head.startsWith('<')) return 'adx';
  return null;
}

/** Reads either format; the format is told by the first character. */
export function readExchangeFile(data: Uint8Array | string): ExchangeReading {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (size > EXCHANGE_LIMITS.maxBytes) {
    return refused(
      'json',
      'too_large',
      `Tệp ${Math.ceil(size / 1024 / 1024)} MB, quá giới hạn ${EXCHANGE_LIMITS.maxBytes / 1024 / 1024} MB.`,
    );
  }
  const text = typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: false }).decode(data);
  const format = sniffExchangeFormat(text);
  if (format === 'json') return readDataValueSet(text);
  if (format === 'adx') return readAdx(text);
  return refused(
    'json',
    'unknown_format',
    'Tệp không phải dataValueSets JSON của DHIS2 cũng không phải ADX (XML).',
  );
}

function refused(format: 'adx' | 'json', code: string, message: string): ExchangeReading {
  return { format, rows: [], problems: [{ at: 'tệp', code, message }] };
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

/** DHIS2's dataValueSets JSON: `dataValues` with the set's `period`/`orgUnit` as defaults. */
export function readDataValueSet(text: string): ExchangeReading {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return refused('json', 'bad_json', `Tệp JSON không đọc được: ${(error as Error).message}.`);
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { dataValues?: unknown }).dataValues))
    return refused(
      'json',
      'no_data_values',
      'Tệp JSON không có mảng "dataValues" (dataValueSets của DHIS2).',
    );
  const set = doc as Record<string, unknown> & { dataValues: unknown[] };
  if (set.dataValues.length > EXCHANGE_LIMITS.maxValues)
    return refused(
      'json',
      'too_many_values',
      `Tệp có ${set.dataValues.length} giá trị, quá giới hạn ${EXCHANGE_LIMITS.maxValues}.`,
    );
  const rows: ExchangeRow[] = [];
  const problems: ExchangeProblem[] = [];
  set.dataValues.forEach((item, i) => {
    const at = `dataValues[${i}]`;
    if (typeof item !== 'object' || item === null) {
      problems.push({ at, code: 'bad_row', message: `${at}: không phải một đối tượng.` });
      return;
    }
    const v = item as Record<string, unknown>;
    const row: ExchangeRow = {
      at,
      dataElement: str(v.dataElement),
      orgUnit: str(v.orgUnit) || str(set.orgUnit),
      period: str(v.period) || str(set.period),
      categoryOptionCombo: str(v.categoryOptionCombo),
      disaggregation: {},
      value: str(v.value),
      comment: str(v.comment) || null,
    };
    const missing = (['dataElement', 'orgUnit', 'period', 'value'] as const).filter((k) => row[k] === '');
    if (missing.length > 0) {
      problems.push({
        at,
        code: 'missing_field',
        message: `${at}: thiếu ${missing.map((k) => `"${k}"`).join(', ')}.`,
        dataElement: row.dataElement,
        orgUnit: row.orgUnit,
        period: row.period,
      });
      return;
    }
    rows.push(row);
  });
  return { format: 'json', rows, problems };
}

const RESERVED_ADX_ATTRIBUTES = new Set(['dataElement', 'value']);

interface XmlNode {
  [key: string]: unknown;
}

/** The ADX file's tree, or the problem that stops it being read. */
function parseAdxTree(text: string): { tree: XmlNode } | { problem: ExchangeProblem } {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return {
      problem: {
        at: 'tệp',
        code: 'doctype_refused',
        message: 'Tệp XML có khai báo DOCTYPE/ENTITY; ADX không dùng khai báo này nên tệp bị từ chối.',
      },
    };
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    return {
      problem: {
        at: `dòng ${valid.err.line}`,
        code: 'bad_xml',
        message: `Tệp XML sai cú pháp ở dòng ${valid.err.line}, cột ${valid.err.col}: ${valid.err.msg}`,
      },
    };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => name === 'group' || name === 'dataValue' || name === 'adx',
  });
  return { tree: parser.parse(text) as XmlNode };
}

/** Checks the structure the ADX profile requires; problems named by place. */
export function checkAdxStructure(text: string): ExchangeProblem[] {
  const parsed = parseAdxTree(text);
  if ('problem' in parsed) return [parsed.problem];
  return walkAdx(parsed.tree).problems;
}

/** ISO 8601 period: a start date and a duration (`2026-01-01/P1Y`, `2026-04-01/P3M`). */
const ADX_PERIOD = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\/P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;
/** xs:dateTime. */
const XS_DATE_TIME = /^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
/** xs:decimal (ADX's value). */
const XS_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function walkAdx(tree: XmlNode): { rows: ExchangeRow[]; problems: ExchangeProblem[] } {
  const problems: ExchangeProblem[] = [];
  const rows: ExchangeRow[] = [];
  const roots = tree.adx as XmlNode[] | undefined;
  const otherRoot = Object.keys(tree).find((k) => k !== 'adx' && !k.startsWith('?'));
  if (roots?.length !== 1 || otherRoot) {
    problems.push({ at: 'gốc', code: 'no_adx_root', message: 'Phần tử gốc phải là <adx> (và chỉ một).' });
    return { rows, problems };
  }
  const root = roots[0] as XmlNode;
  if (root.xmlns !== ADX_NAMESPACE)
    problems.push({
      at: '<adx>',
      code: 'bad_namespace',
      message: `<adx> phải có xmlns="${ADX_NAMESPACE}" (có: "${str(root.xmlns)}").`,
    });
  if (!XS_DATE_TIME.test(str(root.exported)))
    problems.push({
      at: '<adx>',
      code: 'bad_exported',
      message: '<adx> phải có thuộc tính exported là ngày giờ ISO 8601 (vd. 2026-04-20T08:00:00Z).',
    });
  const groups = (root.group as XmlNode[] | undefined) ?? [];
  if (groups.length === 0)
    problems.push({ at: '<adx>', code: 'no_group', message: '<adx> không có <group> nào.' });
  let count = 0;
  groups.forEach((group, g) => {
    const gAt = `group ${g + 1}`;
    const orgUnit = str(group.orgUnit);
    const period = str(group.period);
    for (const name of ['orgUnit', 'period', 'dataSet'])
      if (str(group[name]) === '')
        problems.push({
          at: gAt,
          code: 'missing_field',
          message: `${gAt}: thiếu thuộc tính "${name}".`,
          orgUnit,
          period,
        });
    if (period && !ADX_PERIOD.test(period))
      problems.push({
        at: gAt,
        code: 'bad_period',
        message: `${gAt}: kỳ "${period}" không phải dạng ISO 8601 ngày bắt đầu/độ dài (vd. 2026-01-01/P1Y).`,
        orgUnit,
        period,
      });
    const values = (group.dataValue as XmlNode[] | undefined) ?? [];
    if (values.length === 0)
      problems.push({
        at: gAt,
        code: 'empty_group',
        message: `${gAt}: không có <dataValue> nào.`,
        orgUnit,
        period,
      });
    values.forEach((node, i) => {
      const at = `${gAt}, dataValue ${i + 1}`;
      count += 1;
      if (typeof node !== 'object' || node === null) {
        problems.push({
          at,
          code: 'missing_field',
          message: `${at}: thiếu dataElement và value.`,
          orgUnit,
          period,
        });
        return;
      }
      const dataElement = str(node.dataElement);
      const value = str(node.value);
      const missing = [dataElement ? '' : 'dataElement', value ? '' : 'value'].filter(Boolean);
      if (missing.length > 0) {
        problems.push({
          at,
          code: 'missing_field',
          message: `${at}: thiếu ${missing.map((k) => `"${k}"`).join(', ')}.`,
          dataElement,
          orgUnit,
          period,
        });
        return;
      }
      if (!XS_DECIMAL.test(value)) {
        problems.push({
          at,
          code: 'not_a_number',
          message: `${at}: giá trị "${value}" của ${dataElement} không phải số thập phân (xs:decimal).`,
          dataElement,
          orgUnit,
          period,
        });
        return;
      }
      const disaggregation: Record<string, string> = {};
      for (const [key, raw] of Object.entries(node)) {
        if (RESERVED_ADX_ATTRIBUTES.has(key) || key === 'annotation' || key === '#text') continue;
        if (typeof raw === 'string') disaggregation[key] = raw.trim();
      }
      const annotation = node.annotation;
      rows.push({
        at,
        dataElement,
        orgUnit,
        period,
        categoryOptionCombo: null,
        disaggregation,
        value,
        comment: typeof annotation === 'string' && annotation.trim() ? annotation.trim() : null,
      });
    });
  });
  if (count > EXCHANGE_LIMITS.maxValues)
    return {
      rows: [],
      problems: [
        {
          at: 'tệp',
          code: 'too_many_values',
          message: `Tệp có ${count} giá trị, quá giới hạn ${EXCHANGE_LIMITS.maxValues}.`,
        },
      ],
    };
  return { rows, problems };
}

/** ADX: the structure checked, then every `dataValue` as a row. */
export function readAdx(text: string): ExchangeReading {
  const parsed = parseAdxTree(text);
  if ('problem' in parsed) return { format: 'adx', rows: [], problems: [parsed.problem] };
  return { format: 'adx', ...walkAdx(parsed.tree) };
}
