import { DownOutlined, HistoryOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { type KeyboardEvent, lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCategory, TIssue, TReport } from '../../../../contracts/reporting.ts';
import { categoryLabel as breakdownLabel, dimensionsOf } from '../../../../domain/reporting/breakdowns.ts';
import { PlainCard } from '../../components/plain-card.tsx';
import {
  categoriesOf,
  type DraftCell,
  EMPTY_CELL,
  type FormIndicator,
  formatPercent,
  formatValue,
  inputIdOf,
  parseNumber,
  type ValuePart,
  valueField,
} from './report-draft.ts';

type Value = TReport['values'][number];

/** A breakdown by two categories as a table: loaded only when a form has one (report page budget). */
const BreakdownGrid = lazy(() => import('./breakdown-grid.tsx'));

/** Enter moves on to the next field instead of doing anything surprising (there is no form to submit). */
export function enterMovesOn(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  event.preventDefault();
  const scope = event.currentTarget.closest('.report-entry') ?? document;
  const fields = [
    ...scope.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea'),
  ];
  const index = fields.indexOf(event.currentTarget as HTMLElement);
  fields[index + 1]?.focus();
}

export function IssueText({ issues }: { issues: readonly TIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="field-issues">
      {issues.map((issue) => (
        <li
          key={`${issue.severity}:${issue.message}`}
          className={`field-issue field-issue--${issue.severity}`}
        >
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

const worst = (issues: readonly TIssue[]): 'error' | 'warning' | undefined =>
  issues.some((i) => i.severity === 'error') ? 'error' : issues.length > 0 ? 'warning' : undefined;

const describedBy = (id: string, issues: readonly TIssue[]) =>
  issues.length > 0 ? `${id}-issues` : undefined;

/** Last period's value as a hint: "Kỳ trước: 40/48 (83,3%)". */
function previousText(
  indicator: FormIndicator,
  previous: Value | undefined,
  yes: string,
  no: string,
): string | null {
  if (!previous || previous.numerator === null) return null;
  if (indicator.kind === 'boolean') return previous.numerator === 1 ? yes : no;
  if (indicator.kind === 'ratio') {
    const percent = formatPercent(previous.numerator, previous.denominator);
    return `${formatValue(previous.numerator)}/${previous.denominator === null ? '?' : formatValue(previous.denominator)}${percent ? ` (${percent})` : ''}`;
  }
  return `${formatValue(previous.numerator)}${indicator.unit ? ` ${indicator.unit}` : ''}`;
}

interface CardProps {
  indicator: FormIndicator;
  cells: Partial<Record<TCategory, DraftCell>>;
  previous: Value[];
  issuesOf: (field: string) => TIssue[];
  onCell: (category: TCategory, part: ValuePart | 'comment', text: string) => void;
  onBlur: () => void;
  readOnly: boolean;
}

function NumberField({
  indicator,
  category,
  part,
  label,
  visibleLabel,
  cell,
  issues,
  onCell,
  onBlur,
}: {
  indicator: FormIndicator;
  category: TCategory;
  part: ValuePart;
  label: string;
  visibleLabel: boolean;
  cell: DraftCell;
  issues: TIssue[];
  onCell: CardProps['onCell'];
  onBlur: () => void;
}) {
  const id = inputIdOf(valueField(indicator.id, category, part));
  const status = worst(issues);
  return (
    <div className={`number-field${status ? ` number-field--${status}` : ''}`}>
      {visibleLabel && (
        <label htmlFor={id} className="number-field__label">
          {label}
        </label>
      )}
      <Input
        id={id}
        size="large"
        inputMode={indicator.kind === 'sum' ? 'decimal' : 'numeric'}
        enterKeyHint="next"
        autoComplete="off"
        aria-label={visibleLabel ? undefined : label}
        aria-invalid={status === 'error' ? true : undefined}
        aria-describedby={describedBy(id, issues)}
        status={status}
        value={cell[part]}
        onChange={(e) => onCell(category, part, e.target.value)}
        onBlur={onBlur}
        onKeyDown={enterMovesOn}
        suffix={
          part === 'numerator' && indicator.kind !== 'ratio' && indicator.unit ? indicator.unit : undefined
        }
      />
    </div>
  );
}

function CategoryIssues({ id, issues }: { id: string; issues: TIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div id={`${id}-issues`}>
      <IssueText issues={issues} />
    </div>
  );
}

/** One indicator: its inputs (or, read-only, its values), last period's value and a comment. */
export function IndicatorCard({ indicator, cells, previous, issuesOf, onCell, onBlur, readOnly }: CardProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const commentId = inputIdOf(`values.${indicator.id}.total.comment`);
  const total = cells.total ?? EMPTY_CELL;
  const [commentOpen, setCommentOpen] = useState(() => total.comment.trim() !== '');
  const categories: TCategory[] = categoriesOf(indicator);
  const broken = categories.length > 1;
  const grid = dimensionsOf(indicator.disaggregation).length === 2;
  const lang = i18n.language?.startsWith('en') ? 'en' : 'vi';
  const categoryLabel = (c: TCategory) =>
    c === 'total' ? t('reports.category.total') : breakdownLabel(c, lang);
  const previousTotal = previousText(
    indicator,
    previous.find((p) => p.category === 'total'),
    t('common.yes'),
    t('common.no'),
  );
  const cardIssues = issuesOf(`values.${indicator.id}`);

  const numeratorLabel = indicator.numeratorLabel ?? t('reports.form.numerator');
  const denominatorLabel = indicator.denominatorLabel ?? t('reports.form.denominator');
  const valueLabel = indicator.unit
    ? t('reports.form.valueWithUnit', { unit: indicator.unit })
    : t('reports.form.value');

  const percentOf = (cell: DraftCell) =>
    formatPercent(parseNumber(cell.numerator) ?? null, parseNumber(cell.denominator) ?? null);

  const renderRatio = () => {
    if (!broken) {
      const fieldIssues = [
        ...issuesOf(valueField(indicator.id, 'total', 'numerator')),
        ...issuesOf(valueField(indicator.id, 'total', 'denominator')),
      ];
      const percent = percentOf(total);
      return (
        <div className="ratio-single">
          <NumberField
            indicator={indicator}
            category="total"
            part="numerator"
            label={numeratorLabel}
            visibleLabel
            cell={total}
            issues={issuesOf(valueField(indicator.id, 'total', 'numerator'))}
            onCell={onCell}
            onBlur={onBlur}
          />
          <NumberField
            indicator={indicator}
            category="total"
            part="denominator"
            label={denominatorLabel}
            visibleLabel
            cell={total}
            issues={issuesOf(valueField(indicator.id, 'total', 'denominator'))}
            onCell={onCell}
            onBlur={onBlur}
          />
          <output
            className={`ratio-result${worst(fieldIssues) === 'error' ? ' ratio-result--error' : ''}`}
            aria-live="polite"
            htmlFor={`${inputIdOf(valueField(indicator.id, 'total', 'numerator'))} ${inputIdOf(valueField(indicator.id, 'total', 'denominator'))}`}
          >
            {t('reports.form.rate')}: <strong>{percent ?? '—'}</strong>
          </output>
          <CategoryIssues
            id={inputIdOf(valueField(indicator.id, 'total', 'numerator'))}
            issues={issuesOf(valueField(indicator.id, 'total', 'numerator'))}
          />
          <CategoryIssues
            id={inputIdOf(valueField(indicator.id, 'total', 'denominator'))}
            issues={issuesOf(valueField(indicator.id, 'total', 'denominator'))}
          />
        </div>
      );
    }
    return (
      <fieldset className="ratio-grid" aria-labelledby={titleId}>
        <div className="ratio-grid__head" aria-hidden>
          <span />
          <span>{numeratorLabel}</span>
          <span>{denominatorLabel}</span>
          <span>{t('reports.form.rate')}</span>
        </div>
        {categories.map((category) => {
          const cell = cells[category] ?? EMPTY_CELL;
          const nIssues = issuesOf(valueField(indicator.id, category, 'numerator'));
          const dIssues = issuesOf(valueField(indicator.id, category, 'denominator'));
          return (
            <div key={category} className="ratio-grid__row">
              <span className="ratio-grid__category">{categoryLabel(category)}</span>
              <NumberField
                indicator={indicator}
                category={category}
                part="numerator"
                label={`${numeratorLabel} — ${categoryLabel(category)}`}
                visibleLabel={false}
                cell={cell}
                issues={nIssues}
                onCell={onCell}
                onBlur={onBlur}
              />
              <NumberField
                indicator={indicator}
                category={category}
                part="denominator"
                label={`${denominatorLabel} — ${categoryLabel(category)}`}
                visibleLabel={false}
                cell={cell}
                issues={dIssues}
                onCell={onCell}
                onBlur={onBlur}
              />
              <output
                className={`ratio-grid__rate${worst([...nIssues, ...dIssues]) === 'error' ? ' ratio-grid__rate--error' : ''}`}
                aria-live="polite"
              >
                {percentOf(cell) ?? '—'}
              </output>
              {nIssues.length + dIssues.length > 0 && (
                <div className="ratio-grid__issues">
                  <CategoryIssues
                    id={inputIdOf(valueField(indicator.id, category, 'numerator'))}
                    issues={nIssues}
                  />
                  <CategoryIssues
                    id={inputIdOf(valueField(indicator.id, category, 'denominator'))}
                    issues={dIssues}
                  />
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
    );
  };

  const renderNumber = () =>
    grid ? (
      <Suspense fallback={<div className="breakdown-grid__loading">{t('app.loading')}</div>}>
        <BreakdownGrid
          indicator={indicator}
          cells={cells}
          issuesOf={issuesOf}
          onCell={onCell}
          onBlur={onBlur}
          lang={lang}
          totalLabel={t('reports.category.total')}
          sumLabel={t('reports.form.breakdownSum')}
        />
      </Suspense>
    ) : (
      <div className={broken ? 'number-grid' : undefined}>
        {categories.map((category) => {
          const cell = cells[category] ?? EMPTY_CELL;
          const issues = issuesOf(valueField(indicator.id, category, 'numerator'));
          return (
            <div key={category}>
              <NumberField
                indicator={indicator}
                category={category}
                part="numerator"
                label={broken ? categoryLabel(category) : valueLabel}
                visibleLabel
                cell={cell}
                issues={issues}
                onCell={onCell}
                onBlur={onBlur}
              />
              <CategoryIssues
                id={inputIdOf(valueField(indicator.id, category, 'numerator'))}
                issues={issues}
              />
            </div>
          );
        })}
      </div>
    );

  const renderBoolean = () => {
    const id = inputIdOf(valueField(indicator.id, 'total', 'numerator'));
    const issues = issuesOf(valueField(indicator.id, 'total', 'numerator'));
    return (
      <div>
        {/* native radios (arrows choose, Space checks) drawn as two large buttons: no antd Radio on a phone's first load */}
        <div
          id={id}
          role="radiogroup"
          className="yes-no"
          aria-labelledby={titleId}
          aria-describedby={describedBy(id, issues)}
        >
          {[
            { value: '1', label: t('common.yes') },
            { value: '0', label: t('common.no') },
          ].map((option) => (
            <label
              key={option.value}
              className={`yes-no__option${total.numerator === option.value ? ' yes-no__option--checked' : ''}`}
            >
              <input
                type="radio"
                className="visually-hidden"
                name={id}
                value={option.value}
                checked={total.numerator === option.value}
                onChange={() => {
                  onCell('total', 'numerator', option.value);
                  onBlur();
                }}
              />
              {option.label}
            </label>
          ))}
        </div>
        <CategoryIssues id={id} issues={issues} />
      </div>
    );
  };

  const renderReadOnly = () => {
    const text = (cell: DraftCell | undefined): string => {
      if (!cell || cell.numerator === '') return t('reports.form.notEntered');
      if (indicator.kind === 'boolean') return cell.numerator === '1' ? t('common.yes') : t('common.no');
      if (indicator.kind === 'ratio') {
        const percent = percentOf(cell);
        return `${cell.numerator} / ${cell.denominator || '?'}${percent ? ` = ${percent}` : ''}`;
      }
      return `${cell.numerator}${indicator.unit ? ` ${indicator.unit}` : ''}`;
    };
    return (
      <dl className="readonly-values">
        {categories.map((category) => (
          <div key={category} className="readonly-values__row">
            <dt>
              {broken
                ? categoryLabel(category)
                : indicator.kind === 'ratio'
                  ? `${numeratorLabel} / ${denominatorLabel}`
                  : t('reports.form.value')}
            </dt>
            <dd>{text(cells[category])}</dd>
          </div>
        ))}
        {total.comment.trim() !== '' && (
          <div className="readonly-values__row">
            <dt>{t('reports.form.comment')}</dt>
            <dd className="readonly-values__comment">{total.comment}</dd>
          </div>
        )}
      </dl>
    );
  };

  return (
    <PlainCard className="indicator-card" data-indicator-id={indicator.id}>
      <h3 className="indicator-card__title" id={titleId}>
        {indicator.name}
        {indicator.required && !readOnly && (
          <span className="required-mark" title={t('reports.form.required')}>
            {' '}
            *<span className="visually-hidden">{t('reports.form.required')}</span>
          </span>
        )}
      </h3>
      <div className="indicator-card__meta">
        <span className="indicator-card__code">{indicator.code}</span>
        {indicator.unit && <span>{t('reports.form.unit', { unit: indicator.unit })}</span>}
        {previousTotal && (
          <span className="indicator-card__previous">
            <HistoryOutlined aria-hidden /> {t('reports.form.previous', { value: previousTotal })}
          </span>
        )}
      </div>
      {readOnly
        ? renderReadOnly()
        : indicator.kind === 'ratio'
          ? renderRatio()
          : indicator.kind === 'boolean'
            ? renderBoolean()
            : renderNumber()}
      {cardIssues.length > 0 && <IssueText issues={cardIssues} />}
      {!readOnly && (
        <div className="indicator-card__comment">
          <Button
            type="link"
            className="indicator-card__comment-toggle"
            aria-expanded={commentOpen}
            aria-controls={commentId}
            icon={commentOpen ? <DownOutlined aria-hidden /> : <RightOutlined aria-hidden />}
            onClick={() => setCommentOpen((open) => !open)}
          >
            {total.comment.trim() ? t('reports.form.commentShow') : t('reports.form.commentAdd')}
          </Button>
          <div hidden={!commentOpen}>
            <label htmlFor={commentId} className="visually-hidden">
              {t('reports.form.commentFor', { name: indicator.name })}
            </label>
            <Input.TextArea
              id={commentId}
              value={total.comment}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              placeholder={t('reports.form.commentPlaceholder')}
              onChange={(e) => onCell('total', 'comment', e.target.value)}
              onBlur={onBlur}
            />
          </div>
        </div>
      )}
    </PlainCard>
  );
}
