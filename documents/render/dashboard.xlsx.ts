import ExcelJS from 'exceljs';
import type { TCompleteness, TPlanDashboard, TProgressStatus } from '../../contracts/dashboard.ts';

/** One table of a plan's dashboard. */
export type DashboardTable = 'targets' | 'units' | 'completeness';

/** One table of a plan's dashboard as XLSX: targets, the units' values, or completeness. */
export async function renderDashboardXlsx(d: TPlanDashboard, table: DashboardTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  const period = d.period?.label ?? '';
  const sheet = workbook.addWorksheet(
    table === 'targets' ? 'Chỉ tiêu' : table === 'units' ? 'Đơn vị' : 'Tiến độ báo cáo',
  );
  sheet.addRow([`${d.plan.title} — ${period}`]).font = { bold: true };
  const STATUS_VI: Record<TProgressStatus, string> = {
    met: 'Đã đạt',
    on_track: 'Đúng tiến độ',
    at_risk: 'Có nguy cơ',
    off_track: 'Chậm tiến độ',
    no_data: 'Chưa có số liệu',
  };
  if (table === 'targets') {
    sheet.addRow(['Mục tiêu', 'Chỉ số', 'Giá trị hiện tại', 'Dự báo', 'Trạng thái', 'Cơ sở dự báo']).font = {
      bold: true,
    };
    for (const t of d.targets) {
      sheet.addRow([
        t.text,
        t.indicator?.name ?? '',
        t.current,
        t.projection?.value ?? null,
        STATUS_VI[t.status],
        t.basis,
      ]);
    }
  } else if (table === 'units') {
    const measured = d.targets.filter((t) => t.indicator);
    sheet.addRow(['Đơn vị', ...measured.map((t) => t.indicator!.name)]).font = { bold: true };
    const units = measured[0]?.units ?? [];
    for (const unit of [...units].sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'))) {
      sheet.addRow([
        unit.unitName,
        ...measured.map((t) => t.units.find((u) => u.unitId === unit.unitId)?.value ?? null),
      ]);
    }
  } else {
    sheet.addRow([
      'Đơn vị',
      'Phải báo cáo',
      'Đã gửi',
      'Đúng hạn',
      'Đã duyệt',
      'Chậm',
      'Tỷ lệ đầy đủ (%)',
    ]).font = {
      bold: true,
    };
    const c = d.completeness;
    const row = (name: string, x: TCompleteness) =>
      sheet.addRow([name, x.expected, x.submitted, x.onTime, x.approved, x.late, x.completeness]);
    if (c) {
      row(d.plan.unitName, c.total);
      for (const u of c.units) row(u.unitName, u.completeness);
    }
  }
  sheet.getColumn(1).width = 50;
  sheet.getColumn(1).width = 50;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
