import ExcelJS from 'exceljs';
import { locateTable, UNIT_CODE_KEY } from '../../domain/reporting/report-sheet.ts';
import type { Database } from '../db/client.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { hashPassword } from '../services/password.ts';
import { createServices } from '../services/services.ts';
import { seedCountSchedule, TEST_PASSWORD } from '../test/fixtures.ts';

/**
 * A province with `units` grassroots unions (codes G1…Gn), an admin, a manager and an officer at
 * the province, one count indicator and an annual schedule for `fromYear`…`toYear`.
 */
export async function seedReportingOrg(
  database: Database,
  options: { units: number; fromYear: number; toYear: number },
) {
  const services = createServices(database, { sessionTtlHours: 1 }, () => new Date(), {
    log: () => undefined,
  });
  const top = await services.orgChange.create(SYSTEM_ACTOR, {
    code: 'TOP',
    name: 'Liên đoàn Lao động tỉnh Thử nghiệm',
    type: 'province',
    parentId: null,
    effectiveDate: '2020-01-01',
  });
  await database.exec(`
    INSERT INTO org_units (code, type, valid_from)
      SELECT 'G' || g, 'grassroots', DATE '2020-01-01' FROM generate_series(1, ${options.units}) g;
    INSERT INTO org_unit_names (unit_id, name, name_folded, valid_from)
      SELECT u.id, 'Công đoàn cơ sở ' || u.code, 'cong doan co so ' || lower(u.code), DATE '2020-01-01'
        FROM org_units u WHERE u.code LIKE 'G%';
    INSERT INTO org_unit_parents (unit_id, parent_id, valid_from)
      SELECT u.id, ${top.id}, DATE '2020-01-01' FROM org_units u WHERE u.code LIKE 'G%';
  `);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users: Record<string, number> = {};
  for (const role of ['admin', 'manager', 'officer'] as const) {
    const row = await services.userRepository.insert({
      username: role,
      displayName: role,
      passwordHash,
      role,
      homeUnitId: top.id,
    });
    users[role] = row.id;
  }
  const { indicatorId, periodIds } = await seedCountSchedule(services, top.id, {
    name: 'Báo cáo năm',
    formName: 'Biểu năm',
    frequency: 'annual',
    dueRule: '11-10',
    fromYear: options.fromYear,
    toYear: options.toYear,
  });
  return {
    topId: top.id,
    indicatorId,
    periodIds,
    users,
  };
}

/** Fills every unit row of a downloaded template: the count and the required narrative. */
export async function fillTemplate(template: ArrayBuffer, rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template);
  const sheet = workbook.getWorksheet('Báo cáo')!;
  // The table found as the import finds it: by the hidden row of column keys, not by position.
  const texts: string[][] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, 20); r++) {
    const row = sheet.getRow(r);
    texts.push(Array.from({ length: row.cellCount }, (_, c) => String(row.getCell(c + 1).value ?? '')));
  }
  const table = locateTable(texts, [{ key: UNIT_CODE_KEY, header: 'Mã đơn vị' }]);
  if (!table) throw new Error('the template has no table of units');
  const keys = texts[table.headerRow - 1]!;
  const valueColumn = keys.findIndex((k) => /^v:\d+:total:n$/.test(k)) + 1;
  const textColumn = keys.findIndex((k) => k.startsWith('s:')) + 1;
  if (valueColumn === 0 || textColumn === 0) throw new Error('the template has no figure or text column');
  for (let r = table.firstDataRow; r < table.firstDataRow + rows; r++) {
    const row = sheet.getRow(r);
    row.getCell(valueColumn).value = (r % 9) + 1;
    row.getCell(textColumn).value = `Đơn vị dòng ${r} đã tổ chức các hoạt động theo kế hoạch.`;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every roll-up row, in a fixed order, as comparable text. */
export async function rollupSnapshot(database: Database): Promise<string[]> {
  const rows = await database.query<Record<string, unknown>>(
    `SELECT period_id, indicator_id, unit_id, category, numerator, denominator,
            reporting_units, meeting_units, expected_units
       FROM rollup_values ORDER BY period_id, indicator_id, unit_id, category`,
  );
  return rows.map((r) => JSON.stringify(r));
}

/** The roll-ups as they are, and as a from-scratch rebuild of every period makes them. */
export async function rollupsAndRebuild(
  database: Database,
): Promise<{ stored: string[]; rebuilt: string[] }> {
  const stored = await rollupSnapshot(database);
  const services = createServices(database, { sessionTtlHours: 1 }, () => new Date(), {
    log: () => undefined,
  });
  await services.rollup.rebuildMany(SYSTEM_ACTOR, null);
  return { stored, rebuilt: await rollupSnapshot(database) };
}
