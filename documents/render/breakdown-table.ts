import type { TBreakdown, TBreakdownCell } from '../../contracts/breakdowns.ts';
import { formatNumberVi } from '../../domain/progress/format-number.ts';
import { dimensionsOf, KEY_SEPARATOR } from '../../domain/reporting/breakdowns.ts';

/**
 * A figure's breakdown as a table of text for the official papers: one category, a row per
 * option; two, a grid (the first category's options down, the second's across) with each row's
 * and column's sum and the total in the corner. Vietnamese labels, Vietnamese numbers.
 */

type Figure = Pick<TBreakdownCell, 'value' | 'numerator' | 'denominator'>;

/** "45%" with "(9/20)" for a ratio; "1.234" otherwise; "—" without data. */
export function breakdownCellText(
  indicator: { kind: string; aggregation: string },
  cell: Figure | undefined,
): string {
  if (!cell || cell.value === null) return '—';
  if (indicator.kind === 'ratio' || indicator.aggregation === 'count_units_meeting') {
    return `${formatNumberVi(cell.value)}% (${formatNumberVi(cell.numerator)}/${formatNumberVi(cell.denominator)})`;
  }
  return formatNumberVi(cell.value);
}

export interface TextTable {
  headers: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
}

export function breakdownTable(
  indicator: { kind: string; aggregation: string },
  breakdown: TBreakdown,
  total: Figure,
): TextTable {
  const dims = dimensionsOf(breakdown.disaggregation);
  const text = (cell: Figure | undefined) => breakdownCellText(indicator, cell);
  if (dims.length === 1) {
    return {
      headers: [dims[0]!.vi, 'Kết quả', 'Số đơn vị báo cáo'],
      rows: [
        ...breakdown.cells.map((c) => [c.label, text(c), formatNumberVi(c.reportingUnits)]),
        ['Tổng số', text(total), ''],
      ],
      widths: [40, 35, 25],
    };
  }
  const [down, across] = dims as [(typeof dims)[number], (typeof dims)[number]];
  const cellOf = new Map(breakdown.cells.map((c) => [c.category, c]));
  const marginalOf = new Map(breakdown.marginals.map((c) => [c.category, c]));
  return {
    headers: [`${down.vi} \\ ${across.vi}`, ...across.options.map((o) => o.vi), 'Cộng'],
    rows: [
      ...down.options.map((d) => [
        d.vi,
        ...across.options.map((a) => text(cellOf.get(`${d.code}${KEY_SEPARATOR}${a.code}`))),
        text(marginalOf.get(d.code)),
      ]),
      ['Cộng', ...across.options.map((a) => text(marginalOf.get(a.code))), text(total)],
    ],
    widths: [24, ...across.options.map(() => 60 / across.options.length), 16],
  };
}
