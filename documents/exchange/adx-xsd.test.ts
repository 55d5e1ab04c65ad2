import { describe, expect, it } from 'vitest';
import { buildAdx, type ExchangeExport } from '../../domain/exchange/data-values.ts';
import { validateAdxXsd } from './adx-xsd.test-support.ts';

/** The ADX that `buildAdx` writes, checked by libxml2 against the published ADX schema. */

const doc: ExchangeExport = {
  dataSet: 'DS_CD',
  period: { dhis2: '2026Q1', adx: '2026-01-01/P3M' },
  exported: '2026-04-20T08:00:00Z',
  values: [
    {
      orgUnit: 'OU_A',
      dataElement: 'DE_DV',
      categoryOptionCombo: '',
      adxCategory: '',
      adxOption: '',
      value: '12',
    },
    {
      orgUnit: 'OU_A',
      dataElement: 'DE_DV',
      categoryOptionCombo: 'COC_F',
      adxCategory: 'SEX',
      adxOption: 'F',
      value: '5',
      comment: 'nữ & "trẻ" <30',
    },
    {
      orgUnit: 'OU_B',
      dataElement: 'DE_TIEN',
      categoryOptionCombo: '',
      adxCategory: '',
      adxOption: '',
      value: '1250000.5',
    },
  ],
};

describe('ADX against the published ADX schema (xmllint)', () => {
  it('an export of a quarter, a year, a month and a five-year span validates', () => {
    for (const adx of ['2026-01-01/P3M', '2026-01-01/P1Y', '2026-02-01/P1M', '2021-01-01/P5Y']) {
      const verdict = validateAdxXsd(buildAdx({ ...doc, period: { dhis2: null, adx } }));
      expect(verdict).toEqual({ valid: true, errors: [] });
    }
  });

  it('a document the schema refuses fails, with each fault named', () => {
    const good = buildAdx(doc);
    const cases: [string, string, RegExp][] = [
      ['a DHIS2 period instead of an ISO 8601 range', good.replace('2026-01-01/P3M', '2026Q1'), /period/],
      ['a value that is not a number', good.replace('value="12"', 'value="mười hai"'), /xs:decimal/],
      ['no data element', good.replace('dataElement="DE_TIEN" ', ''), /dataElement.*required/],
      ['no exported date-time', good.replace(' exported="2026-04-20T08:00:00Z"', ''), /exported/],
      [
        'another namespace',
        good.replace('urn:ihe:qrph:adx:2015', 'urn:example:adx'),
        /No matching global declaration/,
      ],
      [
        'a group with no value',
        good.replace(
          /<group orgUnit="OU_B"[^>]*>[\s\S]*?<\/group>/,
          '<group orgUnit="OU_B" period="2026-01-01/P3M"></group>',
        ),
        /missing child element/i,
      ],
      ['a date that does not exist', good.replaceAll('2026-01-01/P3M', '2026-02-30/P3M'), /period/],
    ];
    for (const [what, xml, message] of cases) {
      expect(xml, what).not.toBe(good);
      const verdict = validateAdxXsd(xml);
      expect(verdict.valid, what).toBe(false);
      expect(verdict.errors.join('\n'), what).toMatch(message);
    }
  });

  it('a file that is not XML at all is refused', () => {
    expect(validateAdxXsd('<adx xmlns="urn:ihe:qrph:adx:2015"').valid).toBe(false);
  });
});
