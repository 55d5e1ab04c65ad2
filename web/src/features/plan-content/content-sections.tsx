import { Input, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReportingFrequency } from '../../../../contracts/plan-extract.ts';
import { DueInput } from '../../components/fields/due-input.tsx';
import { Field } from '../../components/fields/field.tsx';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { MilestonesEditor } from '../../components/fields/milestones-editor.tsx';
import { MonthDayInput } from '../../components/fields/month-day-input.tsx';
import { RowList } from '../../components/fields/row-list.tsx';
import { UncertainBadge } from '../../components/fields/uncertain-badge.tsx';
import { REPORTING_FREQUENCIES, SIGNER_AUTHORITIES } from '../../lib/domain-lists.ts';
import { dueShape } from '../../lib/plan-text.ts';
import { type FieldKit, fieldProps, orNull } from './field-kit.ts';

/**
 * The parts of a plan's content, each edited the same way whether it was just read from a
 * document or is a stored draft plan. Row shapes differ a little between the two (the extraction's
 * `to` is the plan's `recipient`): a part takes the accessors it needs, never a screen flag.
 */

export function ContentSection({
  title,
  count,
  doubt,
  level,
  children,
}: {
  title: string;
  count?: number;
  doubt?: string | null;
  /** The heading level: 2 on a page of its own, 3 inside the review screen. */
  level: 2 | 3;
  children: ReactNode;
}) {
  return (
    <section className="review-section">
      <Typography.Title level={level} className="review-section__title">
        {title}
        {count !== undefined && <span className="review-section__count"> ({count})</span>}
        {doubt && <UncertainBadge reason={doubt} />}
      </Typography.Title>
      {children}
    </section>
  );
}

export interface TSignerFields {
  authority: string | null;
  on_behalf_of: string | null;
  title: string | null;
  name: string | null;
}

const EMPTY_SIGNER: TSignerFields = { authority: null, on_behalf_of: null, title: null, name: null };

/** Who signs: authority (TM./KT./Q./TL./TUQ.), on behalf of, title, name; all empty is no signer. */
export function SignerFields<S extends TSignerFields>({
  signer,
  onChange,
  kit,
}: {
  signer: S | null;
  onChange: (signer: S | null) => void;
  kit: FieldKit;
}) {
  const { t } = useTranslation();
  const current = signer ?? (EMPTY_SIGNER as S);
  const set = (patch: Partial<TSignerFields>) => {
    const next = { ...current, ...patch } as S;
    onChange(Object.values(next).every((v) => v === null) ? null : next);
  };
  return (
    <div className="fld-grid">
      <Field {...fieldProps(kit, 'signer.authority', t('review.field.authority'))}>
        <Select
          id={kit.id('signer.authority')}
          allowClear
          value={current.authority ?? undefined}
          onChange={(authority) => set({ authority: authority ?? null })}
          options={SIGNER_AUTHORITIES.map((a) => ({ value: a, label: a }))}
        />
      </Field>
      {(['on_behalf_of', 'title', 'name'] as const).map((part) => (
        <Field key={part} {...fieldProps(kit, `signer.${part}`, t(`review.field.signer_${part}`))}>
          <Input
            id={kit.id(`signer.${part}`)}
            value={current[part] ?? ''}
            onChange={(e) => set({ [part]: orNull(e.target.value) })}
          />
        </Field>
      ))}
    </div>
  );
}

interface RowsProps<T> {
  items: T[];
  onChange: (items: T[]) => void;
  kit: FieldKit;
  createItem: () => T;
  testId?: string;
}

type TRowKind = 'target' | 'task' | 'assignment' | 'reporting' | 'event';

/** The props every part's `RowList` takes alike: its rows and the add and remove buttons' names. */
function listProps<T>(rows: RowsProps<T>, t: TFunction, kind: TRowKind) {
  return {
    items: rows.items,
    onChange: rows.onChange,
    createItem: rows.createItem,
    testId: rows.testId,
    addLabel: t(`review.add.${kind}`),
    removeLabel: (i: number) => t(`review.remove.${kind}`, { n: i + 1 }),
  };
}

type TMilestones = Parameters<typeof MilestonesEditor>[0]['milestones'];

/** Targets: the sentence and its milestones; `below` adds what a screen shows under a target. */
export function TargetRows<T extends { text: string; milestones: TMilestones }>({
  below,
  ...rows
}: RowsProps<T> & { below?: (index: number) => ReactNode }) {
  const { t } = useTranslation();
  const { kit } = rows;
  return (
    <RowList<T>
      {...listProps(rows, t, 'target')}
      renderRow={(target, i, change) => (
        <div className="target-block" data-testid="target-block">
          <Field {...fieldProps(kit, `targets.${i}.text`, t('review.field.target', { n: i + 1 }))}>
            <Input.TextArea
              id={kit.id(`targets.${i}.text`)}
              autoSize={{ minRows: 2, maxRows: 6 }}
              value={target.text}
              onChange={(e) => change({ ...target, text: e.target.value })}
            />
          </Field>
          {below?.(i)}
          <div className="fld__head">
            <span className="fld__label">{t('review.field.milestones')}</span>
            {kit.doubt(`targets.${i}.milestones`) && (
              <UncertainBadge reason={kit.doubt(`targets.${i}.milestones`) ?? ''} />
            )}
          </div>
          <MilestonesEditor
            idPrefix={kit.id(`targets.${i}`)}
            milestones={target.milestones}
            onChange={(milestones) => change({ ...target, milestones })}
          />
        </div>
      )}
    />
  );
}

/** Tasks: the text, the lead as written, the deadline; `more` adds a screen's own fields. */
export function TaskRows<T extends { text: string; deadline?: string | null }>({
  lead,
  more,
  ...rows
}: RowsProps<T> & {
  lead: { get: (task: T) => string | null; set: (task: T, lead: string | null) => T };
  /** Extra fields of a task (units picked from the organisation, status), shown in a second grid. */
  more?: (task: T, index: number, change: (next: T) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const { kit } = rows;
  return (
    <RowList<T>
      {...listProps(rows, t, 'task')}
      renderRow={(task, i, change) => (
        <>
          <Field {...fieldProps(kit, `tasks.${i}.text`, t('review.field.task', { n: i + 1 }))}>
            <Input.TextArea
              id={kit.id(`tasks.${i}.text`)}
              autoSize={{ minRows: 1, maxRows: 5 }}
              value={task.text}
              onChange={(e) => change({ ...task, text: e.target.value })}
            />
          </Field>
          <div className="fld-grid">
            <Field {...fieldProps(kit, `tasks.${i}.lead`, t('review.field.lead'))}>
              <Input
                id={kit.id(`tasks.${i}.lead`)}
                value={lead.get(task) ?? ''}
                onChange={(e) => change(lead.set(task, orNull(e.target.value)))}
              />
            </Field>
            <Field {...fieldProps(kit, `tasks.${i}.deadline`, t('review.field.deadline'))}>
              <IsoDateInput
                id={kit.id(`tasks.${i}.deadline`)}
                value={task.deadline ?? null}
                onChange={(deadline) => change({ ...task, deadline })}
              />
            </Field>
          </div>
          {more?.(task, i, change)}
        </>
      )}
    />
  );
}

/** Assignments: the unit as written and what it is asked to do. */
export function AssignmentRows<T extends { text: string }>({
  unit,
  ...rows
}: RowsProps<T> & { unit: { get: (a: T) => string; set: (a: T, unit: string) => T } }) {
  const { t } = useTranslation();
  const { kit } = rows;
  return (
    <RowList<T>
      {...listProps(rows, t, 'assignment')}
      renderRow={(a, i, change) => (
        <>
          <Field {...fieldProps(kit, `assignments.${i}.unit`, t('review.field.assignmentUnit'))}>
            <Input
              id={kit.id(`assignments.${i}.unit`)}
              value={unit.get(a)}
              onChange={(e) => change(unit.set(a, e.target.value))}
            />
          </Field>
          <Field {...fieldProps(kit, `assignments.${i}.text`, t('review.field.assignmentText'))}>
            <Input.TextArea
              id={kit.id(`assignments.${i}.text`)}
              autoSize={{ minRows: 1, maxRows: 6 }}
              value={a.text}
              onChange={(e) => change({ ...a, text: e.target.value })}
            />
          </Field>
        </>
      )}
    />
  );
}

type TDue = Parameters<typeof DueInput>[0]['value'];

/** Reporting duties: how often, when (its shape follows the frequency), to whom. */
export function ReportingRows<T extends { frequency: TReportingFrequency; due: TDue }>({
  recipient,
  ...rows
}: RowsProps<T> & { recipient: { get: (r: T) => string | null; set: (r: T, to: string | null) => T } }) {
  const { t } = useTranslation();
  const { kit } = rows;
  return (
    <RowList<T>
      {...listProps(rows, t, 'reporting')}
      renderRow={(r, i, change) => (
        <div className="fld-grid">
          <Field {...fieldProps(kit, `reporting.${i}.frequency`, t('review.field.frequency'))}>
            <Select
              id={kit.id(`reporting.${i}.frequency`)}
              value={r.frequency}
              onChange={(frequency) =>
                change({ ...r, frequency, due: dueShape(frequency) === dueShape(r.frequency) ? r.due : null })
              }
              options={REPORTING_FREQUENCIES.map((f) => ({ value: f, label: t(`plan.frequency.${f}`) }))}
            />
          </Field>
          <Field {...fieldProps(kit, `reporting.${i}.due`, t('review.field.due'))}>
            <DueInput
              id={kit.id(`reporting.${i}.due`)}
              frequency={r.frequency}
              value={r.due}
              onChange={(due) => change({ ...r, due })}
            />
          </Field>
          <Field {...fieldProps(kit, `reporting.${i}.to`, t('review.field.reportTo'))}>
            <Input
              id={kit.id(`reporting.${i}.to`)}
              value={recipient.get(r) ?? ''}
              onChange={(e) => change(recipient.set(r, orNull(e.target.value)))}
            />
          </Field>
        </div>
      )}
    />
  );
}

/** The month and day of a date written `MM-DD` or `YYYY-MM-DD` (a plan stores either). */
const monthDay = (value: string | null): string | null =>
  value && !/^\d{2}-\d{2}$/.test(value) ? value.slice(5) : value;

/** Campaign events: name, first and last day (month-day); `more` adds a screen's own fields. */
export function EventRows<T extends { name: string; start: string | null; end: string | null }>({
  more,
  startRequired = false,
  ...rows
}: RowsProps<T> & {
  more?: (event: T, index: number, change: (next: T) => void) => ReactNode;
  /** A stored plan's event always has a first day: clearing the field keeps the one it had. */
  startRequired?: boolean;
}) {
  const { t } = useTranslation();
  const { kit } = rows;
  return (
    <RowList<T>
      {...listProps(rows, t, 'event')}
      renderRow={(e, i, change) => (
        <div className="fld-grid fld-grid--event">
          <Field {...fieldProps(kit, `events.${i}.name`, t('review.field.eventName'))}>
            <Input
              id={kit.id(`events.${i}.name`)}
              value={e.name}
              onChange={(ev) => change({ ...e, name: ev.target.value })}
            />
          </Field>
          <Field {...fieldProps(kit, `events.${i}.start`, t('review.field.eventStart'))}>
            <MonthDayInput
              id={kit.id(`events.${i}.start`)}
              value={monthDay(e.start)}
              onChange={(start) => change({ ...e, start: start ?? (startRequired ? e.start : null) })}
            />
          </Field>
          <Field {...fieldProps(kit, `events.${i}.end`, t('review.field.eventEnd'))}>
            <MonthDayInput
              id={kit.id(`events.${i}.end`)}
              value={monthDay(e.end)}
              onChange={(end) => change({ ...e, end })}
            />
          </Field>
          {more?.(e, i, change)}
        </div>
      )}
    />
  );
}

/** A list of plain lines (addressees, recipients, purposes, funding). */
export function LineRows({
  items,
  onChange,
  kit,
  keyPrefix,
  label,
  addLabel,
  removeLabel,
  multiline = false,
}: {
  items: string[];
  onChange: (items: string[]) => void;
  kit: FieldKit;
  keyPrefix: string;
  label: (index: number) => string;
  addLabel: string;
  removeLabel: (index: number) => string;
  multiline?: boolean;
}) {
  return (
    <RowList<string>
      items={items}
      onChange={onChange}
      createItem={() => ''}
      addLabel={addLabel}
      removeLabel={removeLabel}
      renderRow={(value, i, change) => (
        <Field {...fieldProps(kit, `${keyPrefix}.${i}`, label(i))}>
          {multiline ? (
            <Input.TextArea
              id={kit.id(`${keyPrefix}.${i}`)}
              value={value}
              autoSize={{ minRows: 1, maxRows: 6 }}
              onChange={(e) => change(e.target.value)}
            />
          ) : (
            <Input id={kit.id(`${keyPrefix}.${i}`)} value={value} onChange={(e) => change(e.target.value)} />
          )}
        </Field>
      )}
    />
  );
}
