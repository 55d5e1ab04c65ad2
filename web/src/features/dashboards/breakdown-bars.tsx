import { useTranslation } from 'react-i18next';
import type { TBreakdown, TBreakdownCell } from '../../../../contracts/breakdowns.ts';
import type { TIndicatorRef } from '../../../../contracts/dashboard.ts';
import {
  categoryLabel,
  dimensionsOf,
  disaggregationLabel,
  KEY_SEPARATOR,
} from '../../../../domain/reporting/breakdowns.ts';
import { formatFigure } from './dashboard-format.ts';

/** Segment colours, distinguishable in grey too (dark to light). */
const COLOURS = ['#1d4f91', '#5b8fd6', '#a9c6ee', '#7a5195', '#c7a3d9', '#3f7f5f'];

/**
 * A target's figure by its indicator's categories. Counts and sums: one bar stacked by the parts
 * (of the first category for a two-category breakdown), each part named with its value and share.
 * Percentages: a bar per part, side by side (grouped), since rates do not add. Two categories
 * also get the grid of every combination with its row and column sums.
 */
export function BreakdownBars({ indicator, breakdown }: { indicator: TIndicatorRef; breakdown: TBreakdown }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'vi';
  const dims = dimensionsOf(breakdown.disaggregation);
  if (dims.length === 0) return null;
  const percent = indicator.kind === 'ratio' || indicator.aggregation === 'count_units_meeting';
  const unit = percent ? '%' : indicator.unit;
  const first =
    dims.length === 1
      ? breakdown.cells
      : breakdown.marginals.filter((m) => dims[0]!.options.some((o) => o.code === m.category));
  const sum = first.reduce((s, c) => s + (c.value ?? 0), 0);
  const label = (c: TBreakdownCell) => categoryLabel(c.category, lang);
  const title = t('dashboards.breakdown.title', {
    by: disaggregationLabel(breakdown.disaggregation, lang).toLowerCase(),
  });
  return (
    <figure className="dash-breakdown" data-testid="target-breakdown">
      <figcaption className="dash-breakdown__title">{title}</figcaption>
      {percent ? (
        <ul className="dash-breakdown__grouped">
          {first.map((c, i) => (
            <li key={c.category}>
              <span className="dash-breakdown__name">{label(c)}</span>
              <span className="dash-breakdown__track" aria-hidden>
                <span
                  className="dash-breakdown__bar"
                  style={{
                    width: `${Math.min(100, Math.max(0, c.value ?? 0))}%`,
                    background: COLOURS[i % COLOURS.length],
                  }}
                />
              </span>
              <span className="dash-breakdown__value">{formatFigure(c.value, unit)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <>
          <div className="dash-breakdown__stack" aria-hidden>
            {sum > 0 &&
              first.map((c, i) => (
                <span
                  key={c.category}
                  style={{
                    width: `${((c.value ?? 0) / sum) * 100}%`,
                    background: COLOURS[i % COLOURS.length],
                  }}
                />
              ))}
          </div>
          <ul className="dash-breakdown__legend">
            {first.map((c, i) => (
              <li key={c.category}>
                <span
                  className="dash-breakdown__swatch"
                  style={{ background: COLOURS[i % COLOURS.length] }}
                  aria-hidden
                />
                {label(c)}: <strong>{formatFigure(c.value, unit)}</strong>
                {sum > 0 && c.value !== null && ` (${formatFigure(((c.value ?? 0) / sum) * 100, '%')})`}
              </li>
            ))}
          </ul>
        </>
      )}
      {dims.length === 2 && <BreakdownGridTable breakdown={breakdown} unit={unit} lang={lang} />}
    </figure>
  );
}

function BreakdownGridTable({
  breakdown,
  unit,
  lang,
}: {
  breakdown: TBreakdown;
  unit: string | null;
  lang: 'vi' | 'en';
}) {
  const { t } = useTranslation();
  const [down, across] = dimensionsOf(breakdown.disaggregation) as [
    ReturnType<typeof dimensionsOf>[number],
    ReturnType<typeof dimensionsOf>[number],
  ];
  const cellOf = new Map(breakdown.cells.map((c) => [c.category, c]));
  const marginalOf = new Map(breakdown.marginals.map((c) => [c.category, c]));
  return (
    <div className="dash-breakdown__scroll">
      <table className="dash-breakdown__grid">
        <thead>
          <tr>
            <th scope="col">
              {down[lang]} \ {across[lang]}
            </th>
            {across.options.map((o) => (
              <th key={o.code} scope="col">
                {o[lang]}
              </th>
            ))}
            <th scope="col">{t('dashboards.breakdown.sum')}</th>
          </tr>
        </thead>
        <tbody>
          {down.options.map((d) => (
            <tr key={d.code}>
              <th scope="row">{d[lang]}</th>
              {across.options.map((a) => (
                <td key={a.code}>
                  {formatFigure(cellOf.get(`${d.code}${KEY_SEPARATOR}${a.code}`)?.value, unit)}
                </td>
              ))}
              <td>
                <strong>{formatFigure(marginalOf.get(d.code)?.value, unit)}</strong>
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('dashboards.breakdown.sum')}</th>
            {across.options.map((a) => (
              <td key={a.code}>
                <strong>{formatFigure(marginalOf.get(a.code)?.value, unit)}</strong>
              </td>
            ))}
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
