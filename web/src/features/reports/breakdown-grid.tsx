import { Input } from 'antd';
import type { TCategory, TIssue } from '../../../../contracts/reporting.ts';
import { dimensionsOf, KEY_SEPARATOR } from '../../../../domain/reporting/breakdowns.ts';
import { enterMovesOn, IssueText } from './indicator-card.tsx';
import {
  type DraftCell,
  EMPTY_CELL,
  type FormIndicator,
  formatValue,
  inputIdOf,
  parseNumber,
  type ValuePart,
  valueField,
} from './report-draft.ts';
import './breakdown-grid.css';

interface Props {
  indicator: FormIndicator;
  cells: Partial<Record<TCategory, DraftCell>>;
  issuesOf: (field: string) => TIssue[];
  onCell: (category: TCategory, part: ValuePart | 'comment', text: string) => void;
  onBlur: () => void;
  lang: 'vi' | 'en';
  totalLabel: string;
  sumLabel: string;
}

/**
 * A value broken down by two categories (sex × area, sector × area…) as a table: the total above,
 * one input per combination, and each row's and column's sum as it is typed — the parts must add
 * up to the total (`domain/reporting/breakdowns.ts` checks it and names the cell).
 */
export default function BreakdownGrid({
  indicator,
  cells,
  issuesOf,
  onCell,
  onBlur,
  lang,
  totalLabel,
  sumLabel,
}: Props) {
  const [rows, columns] = dimensionsOf(indicator.disaggregation) as [
    ReturnType<typeof dimensionsOf>[number],
    ReturnType<typeof dimensionsOf>[number],
  ];
  const keyOf = (row: string, column: string) => `${row}${KEY_SEPARATOR}${column}`;
  const numberOf = (key: string) => parseNumber((cells[key] ?? EMPTY_CELL).numerator) ?? 0;
  const sum = (keys: string[]) => formatValue(keys.reduce((s, k) => s + numberOf(k), 0));
  const allKeys = rows.options.flatMap((r) => columns.options.map((c) => keyOf(r.code, c.code)));
  const issues = [...new Set(['total', ...allKeys])].flatMap((k) =>
    issuesOf(valueField(indicator.id, k, 'numerator')),
  );
  const field = (category: string, label: string) => {
    const id = inputIdOf(valueField(indicator.id, category, 'numerator'));
    const own = issuesOf(valueField(indicator.id, category, 'numerator'));
    return (
      <Input
        id={id}
        inputMode={indicator.kind === 'sum' ? 'decimal' : 'numeric'}
        enterKeyHint="next"
        autoComplete="off"
        aria-label={label}
        aria-invalid={own.some((i) => i.severity === 'error') ? true : undefined}
        aria-describedby={
          issues.length > 0
            ? `${inputIdOf(valueField(indicator.id, 'total', 'numerator'))}-grid-issues`
            : undefined
        }
        status={own.some((i) => i.severity === 'error') ? 'error' : undefined}
        value={(cells[category] ?? EMPTY_CELL).numerator}
        onChange={(e) => onCell(category, 'numerator', e.target.value)}
        onBlur={onBlur}
        onKeyDown={enterMovesOn}
      />
    );
  };
  return (
    <div className="breakdown-grid">
      <div className="breakdown-grid__total">
        <label htmlFor={inputIdOf(valueField(indicator.id, 'total', 'numerator'))}>{totalLabel}</label>
        {field('total', `${indicator.name} — ${totalLabel}`)}
      </div>
      <div className="breakdown-grid__scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">
                {rows[lang]} \ {columns[lang]}
              </th>
              {columns.options.map((c) => (
                <th key={c.code} scope="col">
                  {c[lang]}
                </th>
              ))}
              <th scope="col">{sumLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.options.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r[lang]}</th>
                {columns.options.map((c) => (
                  <td key={c.code}>{field(keyOf(r.code, c.code), `${r[lang]} – ${c[lang]}`)}</td>
                ))}
                <td className="breakdown-grid__sum">
                  {sum(columns.options.map((c) => keyOf(r.code, c.code)))}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">{sumLabel}</th>
              {columns.options.map((c) => (
                <td key={c.code} className="breakdown-grid__sum">
                  {sum(rows.options.map((r) => keyOf(r.code, c.code)))}
                </td>
              ))}
              <td className="breakdown-grid__sum">
                <strong>{sum(allKeys)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {issues.length > 0 && (
        <div id={`${inputIdOf(valueField(indicator.id, 'total', 'numerator'))}-grid-issues`}>
          <IssueText issues={issues} />
        </div>
      )}
    </div>
  );
}
