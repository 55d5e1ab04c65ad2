import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS } from '../../contracts/reporting.ts';
import { validateAdxXsd } from '../../documents/exchange/adx-xsd.test-support.ts';
import { checkAdxStructure } from '../../documents/exchange/read-exchange.ts';
import { emptyPlanContent } from '../../domain/plans/empty-plan.ts';
import { rows } from '../db/client.ts';
import { seedSmallOrg } from '../test/fixtures.ts';
import { openTestDatabase, type TestDatabase, testEngines } from '../test/test-database.ts';
import { type Actor, SYSTEM_ACTOR } from './actor.ts';
import { createServices, type Services } from './services.ts';

/** Grassroots units below Commune A1 besides A1a; one of them is left unapproved. */
const UNITS = ['G1', 'G2', 'G3', 'G4', 'G5'];

type Stored = {
  unit: string;
  indicator: number;
  category: string;
  numerator: number | null;
  denominator: number | null;
};

describe.each(testEngines())('DHIS2 exchange (ADX, dataValueSets) on %s', (engine) => {
  let testDb: TestDatabase;
  let services: Services;
  let manager: Actor;
  let officer: Actor;
  let ids: { members: number; trained: number; money: number };
  /** 2026-Q1 of the source schedule and of two empty ones with the same form. */
  let source: number;
  let intoAdx: number;
  let intoJson: number;

  beforeAll(async () => {
    testDb = await openTestDatabase(engine);
    services = createServices(
      testDb.database,
      { sessionTtlHours: 1 },
      () => new Date('2026-04-20T03:00:00Z'),
    );
    const org = await seedSmallOrg(services);
    manager = { userId: org.users.manager!, role: 'manager', homeUnitId: org.provinceA.id, ip: null };
    officer = { userId: org.users.officer!, role: 'officer', homeUnitId: org.provinceA.id, ip: null };
    const lines = ['code,name,type,parent_code,valid_from,valid_to'];
    for (const code of UNITS) lines.push(`${code},Công đoàn cơ sở ${code},grassroots,A1,2020-01-01,`);
    await services.orgExchange.import(SYSTEM_ACTOR, Buffer.from(lines.join('\n')));
    const base = {
      unit: null,
      numeratorLabel: null,
      denominatorLabel: null,
      aggregation: 'sum',
      threshold: 1,
    } as const;
    const members = await services.indicators.createIndicator(SYSTEM_ACTOR, {
      ...base,
      code: 'DV',
      name: 'Đoàn viên kết nạp mới',
      kind: 'count',
      disaggregation: 'sex',
    });
    const trained = await services.indicators.createIndicator(SYSTEM_ACTOR, {
      ...base,
      code: 'CB',
      name: 'Cán bộ được tập huấn',
      kind: 'ratio',
      unit: '%',
      numeratorLabel: 'Được tập huấn',
      denominatorLabel: 'Tổng số cán bộ',
      disaggregation: 'none',
    });
    const money = await services.indicators.createIndicator(SYSTEM_ACTOR, {
      ...base,
      code: 'KP',
      name: 'Kinh phí hỗ trợ',
      kind: 'sum',
      unit: 'đồng',
      disaggregation: 'none',
    });
    ids = { members: members.id, trained: trained.id, money: money.id };
    const plan = await services.plans.create(
      SYSTEM_ACTOR,
      org.provinceA.id,
      emptyPlanContent('Kế hoạch 2026', 2026),
    );
    const schedule = (name: string) =>
      services.schedules.createSchedule(manager, {
        planId: plan.id,
        dutyIndex: null,
        name,
        frequency: 'quarterly',
        dueRule: null,
        fromYear: 2026,
        toYear: 2026,
        leadDays: 5,
        unitTypes: ['grassroots'],
        form: {
          name: `Biểu ${name}`,
          indicators: [
            { indicatorId: members.id, required: false },
            { indicatorId: trained.id, required: false },
            { indicatorId: money.id, required: false },
          ],
          sections: [...DEFAULT_SECTIONS],
          allowAttachments: true,
        },
      });
    const q1 = (s: Awaited<ReturnType<typeof schedule>>) => s.periods.find((p) => p.key === '2026-Q1')!.id;
    const a = await schedule('Báo cáo quý');
    source = q1(a);
    intoAdx = q1(await schedule('Báo cáo quý (nhận ADX)'));
    intoJson = q1(await schedule('Báo cáo quý (nhận JSON)'));

    // the mapping: every cell, a custom organisation unit code for G1, the data set of the source
    const de = (
      indicatorId: number,
      category: 'total' | 'male' | 'female',
      part: 'value' | 'numerator' | 'denominator',
      dataElement: string,
      coc = '',
      adx: [string, string] = ['', ''],
    ) =>
      services.exchangeMapping.setDataElement(manager, {
        indicatorId,
        category,
        part,
        dataElement,
        categoryOptionCombo: coc,
        adxCategory: adx[0],
        adxOption: adx[1],
      });
    await de(members.id, 'total', 'value', 'DE_DV');
    await de(members.id, 'male', 'value', 'DE_DV', 'COC_M', ['SEX', 'M']);
    await de(members.id, 'female', 'value', 'DE_DV', 'COC_F', ['SEX', 'F']);
    await de(trained.id, 'total', 'numerator', 'DE_CB_N');
    await de(trained.id, 'total', 'denominator', 'DE_CB_D');
    await de(money.id, 'total', 'value', 'DE_KP');
    const g1 = (await services.orgRepository.findUnitByCode('G1'))!;
    await services.exchangeMapping.setOrgUnit(manager, g1.id, 'OU_G1_DHIS2');
    await services.exchangeMapping.setDataSet(manager, a.id, 'DS_QUY');

    // the source period: every unit reports, all but G5 approved
    const units = ['A1a', ...UNITS];
    for (const [i, code] of units.entries()) {
      const unit = (await services.orgRepository.findUnitByCode(code))!;
      const opened = await services.reports.open(manager, source, unit.id);
      const saved = await services.reports.save(manager, opened.id, {
        version: opened.version,
        narrative: { results: `Đơn vị ${code} đã thực hiện.` },
        values: [
          {
            indicatorId: members.id,
            category: 'total',
            numerator: 10 + i,
            denominator: null,
            comment: i === 0 ? 'gồm 2 người "chuyển đến" & <1 năm' : null,
          },
          { indicatorId: members.id, category: 'male', numerator: 4, denominator: null, comment: null },
          { indicatorId: members.id, category: 'female', numerator: 6 + i, denominator: null, comment: null },
          { indicatorId: trained.id, category: 'total', numerator: 7, denominator: 9 + i, comment: null },
          {
            indicatorId: money.id,
            category: 'total',
            numerator: 1_250_000.5 * (i + 1),
            denominator: null,
            comment: null,
          },
        ],
      });
      const submitted = await services.reports.submit(manager, saved.id, saved.version);
      if (code !== 'G5') await services.reviews.approve(manager, submitted.id, submitted.version);
    }
  }, 180_000);
  afterAll(() => testDb.dispose());

  async function stored(periodId: number): Promise<Stored[]> {
    return rows<Stored>(
      testDb.database.db(),
      sql`SELECT u.code AS unit, v.indicator_id AS indicator, v.category, v.numerator, v.denominator
            FROM report_values v JOIN reports r ON r.id = v.report_id JOIN org_units u ON u.id = r.unit_id
           WHERE r.period_id = ${periodId} ${periodId === source ? sql`AND r.status = 'approved'` : sql``}
           ORDER BY u.code, v.indicator_id, v.category`,
    );
  }

  it('exports the approved values as ADX that validates against the ADX schema (XSD)', async () => {
    const summary = await services.exchange.exportSummary(officer, source, undefined);
    expect(summary).toMatchObject({
      dataSet: 'DS_QUY',
      period: { key: '2026-Q1', dhis2: '2026Q1', adx: '2026-01-01/P3M' },
    });
    expect(summary.reports).toBe(5);
    expect(summary.values).toBe(5 * 6);
    expect(summary.omitted).toEqual([]);
    const file = await services.exchange.export(officer, source, undefined, 'adx');
    const xml = file.data.toString('utf8');
    expect(checkAdxStructure(xml)).toEqual([]);
    expect(validateAdxXsd(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-04-20T03:00:00Z">');
    expect(xml).toContain('<group orgUnit="OU_G1_DHIS2" period="2026-01-01/P3M" dataSet="DS_QUY">');
    expect(xml).toContain('<dataValue dataElement="DE_DV" SEX="F" value="6"/>');
    expect(xml).toContain('value="1250000.5"');
    expect(xml).not.toContain('orgUnit="G5"');
    expect(file.fileName).toBe('dhis2-DS_QUY-2026Q1.adx.xml');
  });

  it('round trip: ADX export of a period imported into an empty period gives the same values', async () => {
    expect(await stored(intoAdx)).toEqual([]);
    const xml = (await services.exchange.export(officer, source, undefined, 'adx')).data;
    const dry = await services.exchange.import(officer, intoAdx, xml, false);
    expect(dry).toEqual({ applied: false, format: 'adx', reports: 5, values: 5 * 5, errors: [] });
    expect(await stored(intoAdx)).toEqual([]);
    const done = await services.exchange.import(officer, intoAdx, xml, true);
    expect(done).toMatchObject({ applied: true, reports: 5, errors: [] });
    expect(await stored(intoAdx)).toEqual(await stored(source));
    const statuses = await rows<{ status: string }>(
      testDb.database.db(),
      sql`SELECT DISTINCT status FROM reports WHERE period_id = ${intoAdx}`,
    );
    expect(statuses).toEqual([{ status: 'draft' }]);
    const comment = await rows<{ comment: string }>(
      testDb.database.db(),
      sql`SELECT v.comment FROM report_values v JOIN reports r ON r.id = v.report_id
           WHERE r.period_id = ${intoAdx} AND v.comment IS NOT NULL`,
    );
    expect(comment).toEqual([{ comment: 'gồm 2 người "chuyển đến" & <1 năm' }]);
  });

  it('round trip through dataValueSets JSON too; a bad file saves nothing and names every error', async () => {
    const json = JSON.parse(
      (await services.exchange.export(officer, source, undefined, 'json')).data.toString('utf8'),
    );
    expect(json).toMatchObject({ dataSet: 'DS_QUY', period: '2026Q1' });
    expect(json.dataValues[0]).toMatchObject({ period: '2026Q1', orgUnit: 'A1a' });
    const bad = structuredClone(json);
    bad.dataValues[0].dataElement = 'DE_UNKNOWN';
    bad.dataValues[1].orgUnit = 'OU_NOWHERE';
    bad.dataValues[2].period = '2026Q2';
    bad.dataValues[3].value = 'mười';
    bad.dataValues.push({ ...json.dataValues[5] });
    bad.dataValues.push({ dataElement: 'DE_DV', period: '2026Q1', orgUnit: 'B', value: '1' });
    const refused = await services.exchange.import(officer, intoJson, Buffer.from(JSON.stringify(bad)), true);
    expect(refused.applied).toBe(false);
    expect(refused.errors.map((e) => [e.at, e.code, e.dataElement, e.orgUnit, e.period])).toEqual([
      ['dataValues[0]', 'unknown_data_element', 'DE_UNKNOWN', 'A1a', '2026Q1'],
      ['dataValues[1]', 'unknown_org_unit', json.dataValues[1].dataElement, 'OU_NOWHERE', '2026Q1'],
      ['dataValues[2]', 'other_period', json.dataValues[2].dataElement, 'A1a', '2026Q2'],
      ['dataValues[3]', 'not_a_number', json.dataValues[3].dataElement, 'A1a', '2026Q1'],
      [
        `dataValues[${json.dataValues.length}]`,
        'duplicate',
        json.dataValues[5].dataElement,
        json.dataValues[5].orgUnit,
        '2026Q1',
      ],
      // Province B reports nothing in this plan's period: not a unit of its scope
      [`dataValues[${json.dataValues.length + 1}]`, 'unknown_org_unit', 'DE_DV', 'B', '2026Q1'],
    ]);
    expect(await stored(intoJson)).toEqual([]);
    const done = await services.exchange.import(officer, intoJson, Buffer.from(JSON.stringify(json)), true);
    expect(done).toMatchObject({ applied: true, format: 'json', reports: 5 });
    expect(await stored(intoJson)).toEqual(await stored(source));
    const audited = await rows<{ action: string; n: number }>(
      testDb.database.db(),
      sql`SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'exchange.%' GROUP BY action ORDER BY action`,
    );
    expect(audited).toEqual([
      { action: 'exchange.data_element_set', n: 6 },
      { action: 'exchange.data_set_set', n: 1 },
      { action: 'exchange.export', n: 3 },
      { action: 'exchange.import', n: 2 },
      { action: 'exchange.org_unit_set', n: 1 },
    ]);
  });

  it('does not write over a report already sent, and refuses what lies outside the caller', async () => {
    const xml = (await services.exchange.export(officer, source, undefined, 'adx')).data;
    // the source period itself: its reports are approved or submitted
    const locked = await services.exchange.import(officer, source, xml, true);
    expect(locked.applied).toBe(false);
    expect(locked.errors.map((e) => e.code)).toEqual(Array(5).fill('report_locked'));
    const outsider: Actor = {
      ...officer,
      homeUnitId: (await services.orgRepository.findUnitByCode('B'))!.id,
    };
    await expect(services.exchange.export(outsider, source, undefined, 'adx')).rejects.toMatchObject({
      status: 403,
    });
  });

  it('mapping: a rule that does not fit is refused by field, a CSV is all or nothing', async () => {
    await expect(
      services.exchangeMapping.setDataElement(manager, {
        indicatorId: ids.money,
        category: 'male',
        part: 'value',
        dataElement: 'X',
        categoryOptionCombo: '',
        adxCategory: '',
        adxOption: '',
      }),
    ).rejects.toMatchObject({ status: 400, field: 'category' });
    await expect(
      services.exchangeMapping.setDataElement(manager, {
        indicatorId: ids.money,
        category: 'total',
        part: 'value',
        dataElement: 'DE_CB_N',
        categoryOptionCombo: '',
        adxCategory: '',
        adxOption: '',
      }),
    ).rejects.toMatchObject({ status: 409 });
    const csv = [
      'kind,local_code,category,part,code,category_option_combo,adx_category,adx_option',
      'data_element,KP,total,value,DE_KP2,,,',
      'data_element,NOPE,total,value,DE_X,,,',
      'data_element,CB,total,value,DE_Y,,,',
      'org_unit,G2,,,OU_G2,,,',
      'org_unit,G3,,,OU_G2,,,',
      'data_set,abc,,,DS,,,',
    ].join('\n');
    const refused = await services.exchangeMapping.importMapping(manager, Buffer.from(csv), true);
    expect(refused.applied).toBe(false);
    expect(refused.errors.map((e) => `${e.at}:${e.code}`)).toEqual([
      'dòng 3:unknown_indicator',
      'dòng 4:exchange_ratio_parts',
      'dòng 6:duplicate',
      'dòng 7:bad_value',
    ]);
    const good = [csv.split('\n')[0], 'data_element,KP,total,value,DE_KP2,,,', 'org_unit,G2,,,OU_G2,,,'].join(
      '\n',
    );
    expect(await services.exchangeMapping.importMapping(manager, Buffer.from(good), true)).toMatchObject({
      applied: true,
      dataElements: 1,
      orgUnits: 1,
    });
    const mapping = await services.exchangeMapping.mapping(manager);
    expect(mapping.dataElements.find((d) => d.indicatorCode === 'KP')?.dataElement).toBe('DE_KP2');
    expect(mapping.orgUnits.map((o) => [o.unitCode, o.orgUnit])).toEqual([
      ['G1', 'OU_G1_DHIS2'],
      ['G2', 'OU_G2'],
    ]);
  });
});
