/**
 * One row of a filled report template read into content: each value part and narrative section
 * the file has a column for, and the cell of each value field (so a later rule names the cell).
 */
import { foldText } from '../fold-text.ts';
import { cellDisplayText, numberCellMessage, type RowRead, readNumberCell } from './report-sheet.ts';

/**
 * A column as the row reader needs it: its key; `percent` when it holds percentage points (so
 * "90%" reads 90); `choices` when it takes a word from a list ("Có" → 1, "Không" → 0).
 */
export interface RowColumn {
  key: string;
  percent?: boolean;
  choices?: Readonly<Record<string, number>>;
}

/** A cell the row holds that is not a number where a number is wanted. */
export interface RowCellError {
  cell: string;
  field: string;
  message: string;
}

export interface TemplateRowRead {
  read: RowRead;
  /** The cell of each field read (`values.<indicator>.<category>.<numerator|denominator>`, `narrative.<section>`). */
  cellOf: Map<string, string>;
  errors: RowCellError[];
}

/**
 * Reads the `columns` of a row (keys `v:<indicator>:<category>:<n|d>` and `s:<section>`; others
 * are ignored), each at its place in `columnOf`; `valueAt` gives a cell's raw value, `address`
 * its name ("C6").
 */
export function readTemplateRow(
  columns: readonly RowColumn[],
  columnOf: ReadonlyMap<string, number>,
  valueAt: (column: number) => unknown,
  address: (column: number) => string,
): TemplateRowRead {
  const read: RowRead = { parts: new Map(), sections: new Map() };
  const cellOf = new Map<string, string>();
  const errors: RowCellError[] = [];
  for (const column of columns) {
    const at = columnOf.get(column.key)!;
    const raw = valueAt(at);
    const [kind, id, category, part] = column.key.split(':');
    if (kind === 's') {
      read.sections.set(id!, cellDisplayText(raw));
      cellOf.set(`narrative.${id}`, address(at));
      continue;
    }
    if (kind !== 'v') continue;
    const field = `values.${id}.${category}.${part === 'n' ? 'numerator' : 'denominator'}`;
    cellOf.set(field, address(at));
    const choice = column.choices && typeof raw === 'string' ? choiceOf(column.choices, raw) : undefined;
    if (choice !== undefined) {
      read.parts.set(`${id}:${category}:${part}`, choice);
      continue;
    }
    const parsed = readNumberCell(raw, { percent: column.percent === true });
    if (!parsed.ok && column.choices) {
      const words = Object.keys(column.choices).join('", "');
      errors.push({
        cell: address(at),
        field,
        message: `Ô ${address(at)}: "${parsed.shown}" không có trong danh sách; chọn "${words}".`,
      });
      continue;
    }
    if (!parsed.ok) {
      errors.push({ cell: address(at), field, message: numberCellMessage(address(at), parsed) });
      continue;
    }
    if (column.percent && parsed.value !== null && parsed.value > 100) {
      errors.push({
        cell: address(at),
        field,
        message: `Ô ${address(at)}: ${String(parsed.value).replace('.', ',')}% vượt quá 100%; cột này nhận từ 0 đến 100.`,
      });
      continue;
    }
    read.parts.set(`${id}:${category}:${part}`, parsed.value);
  }
  return { read, cellOf, errors };
}

/** The number of a word chosen from a list, case and diacritics aside ("có", "CO" → "Có"). */
function choiceOf(choices: Readonly<Record<string, number>>, text: string): number | undefined {
  const folded = foldText(text);
  if (!folded) return undefined;
  for (const [word, number] of Object.entries(choices)) if (foldText(word) === folded) return number;
  return undefined;
}
