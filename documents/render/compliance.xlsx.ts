import ExcelJS from 'exceljs';
import type { TUnitType } from '../../contracts/org.ts';
import type { TCompliance } from '../../contracts/plans.ts';

const UNIT_TYPE_VI: Record<TUnitType, string> = {
  national: 'Tổng Liên đoàn',
  province: 'LĐLĐ tỉnh/thành phố',
  central_sector: 'Công đoàn ngành Trung ương',
  district: 'LĐLĐ quận/huyện',
  commune: 'Công đoàn xã/phường',
  sector: 'Công đoàn ngành',
  industrial_zone: 'Công đoàn KCN',
  grassroots: 'Công đoàn cơ sở',
};

const PLAN_STATUS_VI = { none: 'Chưa xây dựng', draft: 'Đang dự thảo', issued: 'Đã ban hành' } as const;

const STATE_VI: Record<TCompliance['rows'][number]['state'], string> = {
  issued_on_time: 'Ban hành đúng hạn',
  issued_late: 'Ban hành chậm',
  pending: 'Chưa ban hành (còn hạn)',
  late: 'Chậm ban hành',
};

export const DATE_FORMAT = 'dd/mm/yyyy';

/** An ISO date as an Excel date (shown dd/mm/yyyy), so that it sorts and filters as a date. */
function excelDate(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

function header(sheet: ExcelJS.Worksheet, titles: string[], widths: number[]): void {
  const row = sheet.addRow(titles);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.views = [{ state: 'frozen', ySplit: row.number }];
  sheet.autoFilter = { from: { row: row.number, column: 1 }, to: { row: row.number, column: titles.length } };
}

function title(sheet: ExcelJS.Worksheet, lines: string[]): void {
  lines.forEach((line, i) => {
    const row = sheet.addRow([line]);
    row.font = i === 0 ? { bold: true, size: 13 } : { italic: true, color: { argb: 'FF555555' } };
  });
  sheet.addRow([]);
}

const formatVi = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : 'không có');

/**
 * The compliance of a plan as XLSX: who has issued the implementing plan (sheet 1), the plan's
 * tasks by lead unit (sheet 2) and each overdue task (sheet 3). Headers in Vietnamese.
 */
export async function renderComplianceXlsx(planLabel: string, c: TCompliance): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  const intro = [
    `Thời hạn ban hành kế hoạch thực hiện: ${formatVi(c.deadline)} · Số liệu đến ngày ${formatVi(c.asOf)}`,
  ];

  const units = workbook.addWorksheet('Tình hình ban hành');
  title(units, [
    `Tình hình ban hành kế hoạch thực hiện — ${planLabel}`,
    ...intro,
    `Đã ban hành ${c.issued}/${c.inScope} đơn vị; ${c.late} đơn vị chậm`,
  ]);
  header(
    units,
    [
      'STT',
      'Đơn vị',
      'Loại đơn vị',
      'Kế hoạch thực hiện',
      'Số, ký hiệu',
      'Ngày ban hành',
      'Thời hạn',
      'Tình trạng',
      'Số ngày chậm',
    ],
    [6, 40, 24, 18, 18, 14, 14, 24, 12],
  );
  c.rows.forEach((r, i) => {
    const row = units.addRow([
      i + 1,
      r.unitName,
      UNIT_TYPE_VI[r.unitType],
      PLAN_STATUS_VI[r.planStatus],
      r.symbol ?? '',
      excelDate(r.issuedOn),
      excelDate(r.deadline),
      STATE_VI[r.state],
      r.daysLate,
    ]);
    row.getCell(6).numFmt = DATE_FORMAT;
    row.getCell(7).numFmt = DATE_FORMAT;
    if (r.state === 'late' || r.state === 'issued_late')
      row.getCell(8).font = { color: { argb: 'FFC00000' } };
  });

  const byUnit = workbook.addWorksheet('Nhiệm vụ theo đơn vị');
  title(byUnit, [
    `Nhiệm vụ quá hạn theo đơn vị chủ trì — ${planLabel}`,
    `Số liệu đến ngày ${formatVi(c.asOf)}`,
  ]);
  header(byUnit, ['STT', 'Đơn vị chủ trì', 'Số nhiệm vụ', 'Hoàn thành', 'Quá hạn'], [6, 44, 14, 14, 12]);
  c.tasksByUnit.forEach((u, i) => {
    byUnit.addRow([i + 1, u.lead || '(chưa giao đơn vị chủ trì)', u.total, u.done, u.overdue]);
  });

  const overdue = workbook.addWorksheet('Nhiệm vụ quá hạn');
  title(overdue, [`Danh sách nhiệm vụ quá hạn — ${planLabel}`, `Số liệu đến ngày ${formatVi(c.asOf)}`]);
  header(overdue, ['STT', 'Đơn vị chủ trì', 'Nhiệm vụ', 'Thời hạn', 'Số ngày chậm'], [6, 36, 70, 14, 12]);
  let n = 0;
  for (const u of c.tasksByUnit) {
    for (const task of u.overdueTasks) {
      const row = overdue.addRow([
        ++n,
        u.lead || '(chưa giao đơn vị chủ trì)',
        task.text,
        excelDate(task.deadline),
        task.daysLate,
      ]);
      row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
      row.getCell(4).numFmt = DATE_FORMAT;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
