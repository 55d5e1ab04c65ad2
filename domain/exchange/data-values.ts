import type { ExchangePeriod } from './periods.ts';

/**
 * The values one export sends, and the two ways it is written: ADX (IHE Aggregate Data Exchange,
 * namespace `urn:ihe:qrph:adx:2015`) and DHIS2's dataValueSets JSON. Pure builders: no I/O.
 */

export const ADX_NAMESPACE = 'urn:ihe:qrph:adx:2015';

export interface ExchangeValue {
  orgUnit: string;
  dataElement: string;
  /** DHIS2's category option combo code; '' for the default combo (left out of the JSON). */
  categoryOptionCombo: string;
  /** ADX's disaggregation, e.g. SEX = F; both '' when the value is not broken down. */
  adxCategory: string;
  adxOption: string;
  /** The number as written (`12`, `0.5`). */
  value: string;
  comment?: string | null;
}

export interface ExchangeExport {
  dataSet: string;
  period: ExchangePeriod;
  /** When it was made: ISO 8601 date-time with its offset. */
  exported: string;
  values: readonly ExchangeValue[];
}

/** A number as DHIS2 and ADX read it: no exponent, no trailing zeros, no "-0". */
export function formatExchangeNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number: ${n}`);
  if (Object.is(n, -0) || n === 0) return '0';
  const plain =
    Math.abs(n) >= 1e21 ? BigInt(Math.round(n)).toString() : Math.abs(n) < 1e-6 ? n.toFixed(12) : String(n);
  return plain.includes('.') ? plain.replace(/0+$/, '').replace(/\.$/, '') : plain;
}

/** Text for an XML attribute or element: the five markup characters escaped, controls dropped. */
export function xmlEscape(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\r/g, '&#13;')
      .replace(/\n/g, '&#10;')
      .replace(/\t/g, '&#9;')
  );
}

function byOrgUnit(values: readonly ExchangeValue[]): Map<string, ExchangeValue[]> {
  const groups = new Map<string, ExchangeValue[]>();
  for (const v of values) {
    const group = groups.get(v.orgUnit);
    if (group) group.push(v);
    else groups.set(v.orgUnit, [v]);
  }
  return groups;
}

/** ADX: one `group` per organisation unit, one `dataValue` per value, a comment as `annotation`. */
export function buildAdx(doc: ExchangeExport): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<adx xmlns="${ADX_NAMESPACE}" exported="${xmlEscape(doc.exported)}">`,
  ];
  for (const [orgUnit, values] of byOrgUnit(doc.values)) {
    lines.push(
      `  <group orgUnit="${xmlEscape(orgUnit)}" period="${xmlEscape(doc.period.adx)}" dataSet="${xmlEscape(doc.dataSet)}">`,
    );
    for (const v of values) {
      const disaggregation = v.adxCategory ? ` ${v.adxCategory}="${xmlEscape(v.adxOption)}"` : '';
      const head = `    <dataValue dataElement="${xmlEscape(v.dataElement)}"${disaggregation} value="${xmlEscape(v.value)}"`;
      lines.push(
        v.comment ? `${head}><annotation>${xmlEscape(v.comment)}</annotation></dataValue>` : `${head}/>`,
      );
    }
    lines.push('  </group>');
  }
  lines.push('</adx>', '');
  return lines.join('\n');
}

export interface DataValueSetJson {
  dataSet: string;
  period: string;
  completeDate: string;
  dataValues: {
    dataElement: string;
    period: string;
    orgUnit: string;
    categoryOptionCombo?: string;
    value: string;
    comment?: string;
  }[];
}

/**
 * DHIS2's dataValueSets JSON (`POST /api/dataValueSets` with `idScheme=CODE`): each value names its
 * organisation unit and period; the default category option combo is left out.
 */
export function buildDataValueSet(doc: ExchangeExport): DataValueSetJson {
  if (doc.period.dhis2 === null) throw new RangeError('DHIS2 has no period type for this period');
  const period = doc.period.dhis2;
  return {
    dataSet: doc.dataSet,
    period,
    completeDate: doc.exported.slice(0, 10),
    dataValues: doc.values.map((v) => ({
      dataElement: v.dataElement,
      period,
      orgUnit: v.orgUnit,
      ...(v.categoryOptionCombo ? { categoryOptionCombo: v.categoryOptionCombo } : {}),
      value: v.value,
      ...(v.comment ? { comment: v.comment } : {}),
    })),
  };
}
