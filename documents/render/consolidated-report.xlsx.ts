import ExcelJS from 'exceljs';
import type { TConsolidatedReport } from '../../contracts/dashboard.ts';

/** The consolidated report as XLSX: numbers by unit, results against targets, narratives, units not reporting. */
export async function renderConsolidatedXlsx(report: TConsolidatedReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  const numbers = workbook.addWorksheet('Số liệu');
  numbers.addRow([`Báo cáo tổng hợp ${report.period.label} — ${report.unit.unitName}`]).font = { bold: true };
  const header = numbers.addRow([
    'Chỉ tiêu',
    report.unit.unitName,
    ...(report.values[0]?.units.map((u) => u.unitName) ?? []),
  ]);
  header.font = { bold: true };
  for (const v of report.values) {
    numbers.addRow([v.indicator.name, v.total.value, ...v.units.map((u) => u.figure.value)]);
  }
  numbers.getColumn(1).width = 50;
  const targets = workbook.addWorksheet('Chỉ tiêu');
  targets.addRow(['Mục tiêu', 'Giá trị', 'Trạng thái', 'Đánh giá']).font = { bold: true };
  for (const t of report.targets) targets.addRow([t.text, t.value, t.status, t.verdict]);
  targets.getColumn(1).width = 60;
  targets.getColumn(4).width = 60;
  const narrative = workbook.addWorksheet('Nội dung');
  narrative.addRow(['Phần', 'Nội dung']).font = { bold: true };
  for (const s of report.sections) narrative.addRow([s.title, s.text]);
  narrative.getColumn(2).width = 100;
  const missing = workbook.addWorksheet('Chưa báo cáo');
  missing.addRow(['Đơn vị', 'Tình trạng']).font = { bold: true };
  for (const u of report.notReported) missing.addRow([u.unitName, u.status]);
  missing.getColumn(1).width = 50;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
