import { describe, expect, it } from 'vitest';
import {
  checkAdxStructure,
  readAdx,
  readDataValueSet,
  readExchangeFile,
} from '../../documents/exchange/read-exchange.ts';
import { buildAdx, buildDataValueSet, type ExchangeExport, formatExchangeNumber } from './data-values.ts';
import { mappableCells, mappingProblem } from './mapping.ts';
import { exchangePeriodOf, periodKeyOf } from './periods.ts';
import { type DataElementMapping, resolveImport } from './resolve-import.ts';

describe('periods', () => {
  it.each([
    ['2026', '2026', '2026-01-01/P1Y'],
    ['2026-H1', '2026S1', '2026-01-01/P6M'],
    ['2026-H2', '2026S2', '2026-07-01/P6M'],
    ['2026-Q1', '2026Q1', '2026-01-01/P3M'],
    ['2026-Q4', '2026Q4', '2026-10-01/P3M'],
    ['2026-01', '202601', '2026-01-01/P1M'],
    ['2026-12', '202612', '2026-12-01/P1M'],
  ])('%s is DHIS2 %s and ADX %s, and back', (key, dhis2, adx) => {
    expect(exchangePeriodOf(key)).toEqual({ dhis2, adx });
    expect(periodKeyOf(dhis2)).toBe(key);
    expect(periodKeyOf(adx)).toBe(key);
  });
  it('a one-time report over years has an ADX period only', () => {
    expect(exchangePeriodOf('2021-2025')).toEqual({ dhis2: null, adx: '2021-01-01/P5Y' });
    expect(periodKeyOf('2021-01-01/P5Y')).toBe('2021-2025');
  });
  it('periods we do not report by are not read as ours', () => {
    for (const id of ['2026W3', '2026-02-01/P3M', '2026-01-15/P1M', '2026AprilS1', '202613', 'x'])
      expect(periodKeyOf(id)).toBeNull();
    expect(periodKeyOf('2026-01-01/P12M')).toBe('2026');
    expect(exchangePeriodOf('2026-13')).toBeNull();
  });
});

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
      dataElement: 'DE_DV',
      categoryOptionCombo: '',
      adxCategory: '',
      adxOption: '',
      value: '0.25',
    },
  ],
};

describe('ADX', () => {
  it('has the structure the ADX profile requires', () => {
    const xml = buildAdx(doc);
    expect(xml).toContain('<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-04-20T08:00:00Z">');
    expect(xml).toContain('<group orgUnit="OU_A" period="2026-01-01/P3M" dataSet="DS_CD">');
    expect(xml).toContain(
      '<dataValue dataElement="DE_DV" SEX="F" value="5"><annotation>nữ &amp; &quot;trẻ&quot; &lt;30</annotation></dataValue>',
    );
    expect(checkAdxStructure(xml)).toEqual([]);
  });
  it('reads back what it wrote', () => {
    const reading = readAdx(buildAdx(doc));
    expect(reading.problems).toEqual([]);
    expect(
      reading.rows.map((r) => [r.orgUnit, r.period, r.dataElement, r.disaggregation, r.value, r.comment]),
    ).toEqual([
      ['OU_A', '2026-01-01/P3M', 'DE_DV', {}, '12', null],
      ['OU_A', '2026-01-01/P3M', 'DE_DV', { SEX: 'F' }, '5', 'nữ & "trẻ" <30'],
      ['OU_B', '2026-01-01/P3M', 'DE_DV', {}, '0.25', null],
    ]);
  });
  it('names each structural fault', () => {
    const bad = `<adx xmlns="urn:other" exported="yesterday"><group orgUnit="A" period="2026Q1"><dataValue dataElement="D"/><dataValue dataElement="E" value="x"/></group><group orgUnit="B" period="2026-01-01/P1Y" dataSet="S"/></adx>`;
    const codes = checkAdxStructure(bad).map((p) => `${p.at}:${p.code}`);
    expect(codes).toEqual([
      '<adx>:bad_namespace',
      '<adx>:bad_exported',
      'group 1:missing_field',
      'group 1:bad_period',
      'group 1, dataValue 1:missing_field',
      'group 1, dataValue 2:not_a_number',
      'group 2:empty_group',
    ]);
    expect(checkAdxStructure('<other/>').map((p) => p.code)).toEqual(['no_adx_root']);
    expect(
      checkAdxStructure('<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-04-20T08:00:00Z"></adx>').map(
        (p) => p.code,
      ),
    ).toEqual(['no_group']);
  });
  it('refuses a DOCTYPE (no entity is ever expanded), broken XML and oversize files', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE adx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-04-20T08:00:00Z"><group orgUnit="&b;" period="2026-01-01/P1Y" dataSet="S"><dataValue dataElement="D" value="1"/></group></adx>`;
    expect(readAdx(bomb).problems.map((p) => p.code)).toEqual(['doctype_refused']);
    expect(readAdx(bomb).rows).toEqual([]);
    expect(readAdx('<adx><group></adx>').problems[0]!.code).toBe('bad_xml');
    const big = `<adx>${' '.repeat(21 * 1024 * 1024)}</adx>`;
    expect(readExchangeFile(big).problems.map((p) => p.code)).toEqual(['too_large']);
    expect(readExchangeFile('hello').problems.map((p) => p.code)).toEqual(['unknown_format']);
  });
});

describe('dataValueSets JSON', () => {
  it('names each value with its period and organisation unit; the default combo left out', () => {
    const set = buildDataValueSet(doc);
    expect(set).toMatchObject({ dataSet: 'DS_CD', period: '2026Q1', completeDate: '2026-04-20' });
    expect(set.dataValues[0]).toEqual({
      dataElement: 'DE_DV',
      period: '2026Q1',
      orgUnit: 'OU_A',
      value: '12',
    });
    expect(set.dataValues[1]).toMatchObject({ categoryOptionCombo: 'COC_F', comment: 'nữ & "trẻ" <30' });
  });
  it('reads back, set-level period and orgUnit as defaults, missing fields named', () => {
    expect(
      readDataValueSet(JSON.stringify(buildDataValueSet(doc))).rows.map((r) => [
        r.orgUnit,
        r.categoryOptionCombo,
        r.value,
      ]),
    ).toEqual([
      ['OU_A', '', '12'],
      ['OU_A', 'COC_F', '5'],
      ['OU_B', '', '0.25'],
    ]);
    const r = readDataValueSet(
      JSON.stringify({
        period: '2026Q1',
        orgUnit: 'OU_A',
        dataValues: [{ dataElement: 'X', value: 3 }, { value: '1' }, 7],
      }),
    );
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ period: '2026Q1', orgUnit: 'OU_A', value: '3' });
    expect(r.problems.map((p) => `${p.at}:${p.code}`)).toEqual([
      'dataValues[1]:missing_field',
      'dataValues[2]:bad_row',
    ]);
    expect(readDataValueSet('{"dataValues": ').problems[0]!.code).toBe('bad_json');
    expect(readDataValueSet('{"values": []}').problems[0]!.code).toBe('no_data_values');
  });
  it('refuses a period DHIS2 has no type for', () => {
    expect(() => buildDataValueSet({ ...doc, period: { dhis2: null, adx: '2021-01-01/P5Y' } })).toThrow();
  });
});

describe('numbers', () => {
  it('are written plainly', () => {
    expect([12, 0.25, -0, 1e21, 1 / 3, 2.5e-7].map(formatExchangeNumber)).toEqual([
      '12',
      '0.25',
      '0',
      '1000000000000000000000',
      '0.3333333333333333',
      '0.00000025',
    ]);
  });
});

describe('mapping rules', () => {
  it('cells of an indicator and what fits them', () => {
    expect(mappableCells({ kind: 'ratio', disaggregation: 'sex' })).toHaveLength(6);
    expect(mappableCells({ kind: 'count', disaggregation: 'none' })).toEqual([
      { category: 'total', part: 'value' },
    ]);
    const none = { category: 'total', part: 'value', adxCategory: '', adxOption: '' };
    expect(mappingProblem({ kind: 'count', disaggregation: 'none' }, none)).toBeNull();
    expect(
      mappingProblem({ kind: 'count', disaggregation: 'none' }, { ...none, category: 'male' })?.code,
    ).toBe('exchange_total_only');
    expect(mappingProblem({ kind: 'ratio', disaggregation: 'none' }, none)?.code).toBe(
      'exchange_ratio_parts',
    );
    expect(
      mappingProblem({ kind: 'sum', disaggregation: 'none' }, { ...none, part: 'numerator' })?.code,
    ).toBe('exchange_value_part');
    expect(
      mappingProblem({ kind: 'count', disaggregation: 'sex' }, { ...none, adxCategory: 'SEX' })?.field,
    ).toBe('adxOption');
  });
});

describe('resolving an import', () => {
  const mappings: DataElementMapping[] = [
    {
      indicatorId: 1,
      category: 'total',
      part: 'value',
      dataElement: 'DE_DV',
      categoryOptionCombo: '',
      adxCategory: '',
      adxOption: '',
    },
    {
      indicatorId: 1,
      category: 'female',
      part: 'value',
      dataElement: 'DE_DV',
      categoryOptionCombo: 'COC_F',
      adxCategory: 'SEX',
      adxOption: 'F',
    },
    {
      indicatorId: 2,
      category: 'total',
      part: 'numerator',
      dataElement: 'DE_N',
      categoryOptionCombo: '',
      adxCategory: '',
      adxOption: '',
    },
    {
      indicatorId: 2,
      category: 'total',
      part: 'denominator',
      dataElement: 'DE_D',
      categoryOptionCombo: '',
      adxCategory: '',
      adxOption: '',
    },
    {
      indicatorId: 3,
      category: 'total',
      part: 'value',
      dataElement: 'DE_B',
      categoryOptionCombo: '',
      adxCategory: '',
      adxOption: '',
    },
  ];
  const kinds: Record<number, string> = { 1: 'count', 2: 'ratio', 3: 'boolean' };
  const row = (over: Partial<Parameters<typeof resolveImport>[0]['rows'][number]>) => ({
    at: 'r',
    dataElement: 'DE_DV',
    orgUnit: 'OU_A',
    period: '2026Q1',
    categoryOptionCombo: '',
    disaggregation: {},
    value: '1',
    comment: null,
    ...over,
  });
  const resolve = (rows: ReturnType<typeof row>[]) =>
    resolveImport({
      rows,
      periodKey: '2026-Q1',
      mappings,
      kindOf: (id) => kinds[id],
      unitOf: (code) => ({ OU_A: 10, OU_B: 11 })[code],
    });

  it('gathers a ratio’s two parts, the ADX and JSON breakdowns and yes/no', () => {
    const { values, problems } = resolve([
      row({ value: '12' }),
      row({ categoryOptionCombo: null, disaggregation: { SEX: 'F' }, value: '5', period: '2026-01-01/P3M' }),
      row({ dataElement: 'DE_N', value: '3', categoryOptionCombo: 'default' }),
      row({ dataElement: 'DE_D', value: '4' }),
      row({ dataElement: 'DE_B', value: 'true', orgUnit: 'OU_B' }),
    ]);
    expect(problems).toEqual([]);
    expect(values.get(10)).toEqual([
      { indicatorId: 1, category: 'total', numerator: 12, comment: null },
      { indicatorId: 1, category: 'female', numerator: 5, comment: null },
      { indicatorId: 2, category: 'total', numerator: 3, denominator: 4, comment: null },
    ]);
    expect(values.get(11)).toEqual([{ indicatorId: 3, category: 'total', numerator: 1, comment: null }]);
  });
  it('names every refused row by place, element, unit and period', () => {
    const { problems } = resolve([
      row({ at: 'a', period: '2026Q2' }),
      row({ at: 'b', orgUnit: 'NOPE' }),
      row({ at: 'c', dataElement: 'DE_X' }),
      row({ at: 'd', categoryOptionCombo: 'COC_M' }),
      row({ at: 'e', value: 'abc' }),
      row({ at: 'f' }),
      row({ at: 'g' }),
      row({ at: 'h', categoryOptionCombo: null, disaggregation: { SEX: 'F', AGE: 'Y' } }),
    ]);
    expect(problems.map((p) => [p.at, p.code, p.dataElement, p.orgUnit, p.period])).toEqual([
      ['a', 'other_period', 'DE_DV', 'OU_A', '2026Q2'],
      ['b', 'unknown_org_unit', 'DE_DV', 'NOPE', '2026Q1'],
      ['c', 'unknown_data_element', 'DE_X', 'OU_A', '2026Q1'],
      ['d', 'unknown_data_element', 'DE_DV', 'OU_A', '2026Q1'],
      ['e', 'not_a_number', 'DE_DV', 'OU_A', '2026Q1'],
      ['g', 'duplicate', 'DE_DV', 'OU_A', '2026Q1'],
      ['h', 'two_disaggregations', 'DE_DV', 'OU_A', '2026Q1'],
    ]);
    expect(problems[0]!.message).toContain('a:');
  });
});
