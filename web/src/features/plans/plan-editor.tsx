import { Alert, AutoComplete, Input, InputNumber, Select, Typography } from 'antd';
import { type ReactNode, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan, TPlanContent } from '../../../../contracts/plans.ts';
import { DueInput } from '../../components/fields/due-input.tsx';
import { Field } from '../../components/fields/field.tsx';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { MilestonesEditor } from '../../components/fields/milestones-editor.tsx';
import { MonthDayInput } from '../../components/fields/month-day-input.tsx';
import { RowList } from '../../components/fields/row-list.tsx';
import { type UnitOption, UnitSearchSelect } from '../../components/unit-search-select.tsx';
import { DOCUMENT_KINDS, REPORTING_FREQUENCIES, SIGNER_AUTHORITIES } from '../../lib/domain-lists.ts';
import { todayIso } from '../../lib/format.ts';
import { dueShape } from '../../lib/plan-text.ts';
import { warningsByTarget } from './plan-content.ts';

type Content = TPlanContent;
type Target = Content['targets'][number];
type Task = Content['tasks'][number];
type Assignment = Content['assignments'][number];
type Reporting = Content['reporting'][number];
type PlanEvent = Content['events'][number];
type Signer = NonNullable<Content['signer']>;

const orNull = (value: string): string | null => (value.trim() === '' ? null : value);
const EMPTY_SIGNER: Signer = { authority: null, on_behalf_of: null, title: null, name: null };

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="review-section">
      <Typography.Title level={2} className="review-section__title">
        {title}
        {count !== undefined && <span className="review-section__count"> ({count})</span>}
      </Typography.Title>
      {children}
    </section>
  );
}

interface PlanEditorProps {
  content: Content;
  onChange: (content: Content) => void;
  /** The server's warnings of the last saved version (a target below the level above's). */
  warnings: TPlan['warnings'];
}

/** Every part of a draft plan, editable; saving sends it whole. */
export function PlanEditor({ content, onChange, warnings }: PlanEditorProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<Content>) => onChange({ ...content, ...patch });
  const byTarget = warningsByTarget(warnings);
  // Names of units found while picking, so a chosen id is stored with the name shown.
  const unitNames = useRef(new Map<number, string>());
  const rememberUnits = useCallback((units: UnitOption[]) => {
    for (const unit of units) unitNames.current.set(unit.id, unit.name);
  }, []);
  const today = todayIso();
  const signer = content.signer ?? EMPTY_SIGNER;
  const setSigner = (patch: Partial<Signer>) => {
    const next = { ...signer, ...patch };
    set({ signer: Object.values(next).every((v) => v === null) ? null : next });
  };
  const stringList = (key: 'purposes' | 'funding' | 'recipients', multiline: boolean) => (
    <RowList<string>
      items={content[key]}
      onChange={(items) => set({ [key]: items })}
      createItem={() => ''}
      addLabel={t(`plans.editor.add.${key}`)}
      removeLabel={(i) => t(`plans.editor.remove.${key}`, { n: i + 1 })}
      renderRow={(value, i, change) => (
        <Field id={`plan-${key}-${i}`} label={t(`plans.editor.item.${key}`, { n: i + 1 })}>
          {multiline ? (
            <Input.TextArea
              id={`plan-${key}-${i}`}
              value={value}
              autoSize={{ minRows: 1, maxRows: 6 }}
              onChange={(e) => change(e.target.value)}
            />
          ) : (
            <Input id={`plan-${key}-${i}`} value={value} onChange={(e) => change(e.target.value)} />
          )}
        </Field>
      )}
    />
  );

  return (
    <div className="plan-editor">
      <Section title={t('review.section.header')}>
        <Field id="plan-title" label={t('plans.field.title')}>
          <Input.TextArea
            id="plan-title"
            value={content.title}
            autoSize={{ minRows: 2, maxRows: 5 }}
            onChange={(e) => set({ title: e.target.value })}
            status={content.title.trim() ? undefined : 'error'}
          />
        </Field>
        <div className="fld-grid">
          <Field id="plan-kind" label={t('review.field.kind')}>
            <AutoComplete
              id="plan-kind"
              value={content.kind}
              onChange={(kind: string) => set({ kind })}
              options={DOCUMENT_KINDS.map((k) => ({ value: k }))}
            />
          </Field>
          <Field id="plan-year-from" label={t('plans.field.yearFrom')}>
            <InputNumber
              id="plan-year-from"
              className="fld__year"
              min={1945}
              max={2100}
              value={content.yearFrom}
              onChange={(yearFrom) => set({ yearFrom })}
            />
          </Field>
          <Field id="plan-year-to" label={t('plans.field.yearTo')}>
            <InputNumber
              id="plan-year-to"
              className="fld__year"
              min={1945}
              max={2100}
              value={content.yearTo}
              onChange={(yearTo) => set({ yearTo })}
            />
          </Field>
          <Field id="plan-issuer" label={t('review.field.issuer')}>
            <Input
              id="plan-issuer"
              value={content.issuerName ?? ''}
              onChange={(e) => set({ issuerName: orNull(e.target.value) })}
            />
          </Field>
          <Field id="plan-supervising" label={t('plans.field.supervisingBody')}>
            <Input
              id="plan-supervising"
              value={content.supervisingBody ?? ''}
              onChange={(e) => set({ supervisingBody: orNull(e.target.value) })}
            />
          </Field>
          <Field id="plan-place" label={t('review.field.place')}>
            <Input
              id="plan-place"
              value={content.place ?? ''}
              onChange={(e) => set({ place: orNull(e.target.value) })}
            />
          </Field>
          <Field id="plan-implement-deadline" label={t('plans.field.implementDeadline')}>
            <IsoDateInput
              id="plan-implement-deadline"
              value={content.implementDeadline}
              onChange={(implementDeadline) => set({ implementDeadline })}
            />
          </Field>
        </div>
        <Field id="plan-preamble" label={t('plans.field.preamble')}>
          <Input.TextArea
            id="plan-preamble"
            value={content.preamble ?? ''}
            autoSize={{ minRows: 2, maxRows: 8 }}
            onChange={(e) => set({ preamble: orNull(e.target.value) })}
          />
        </Field>
      </Section>

      <Section title={t('plans.section.purposes')} count={content.purposes.length}>
        {stringList('purposes', true)}
      </Section>

      <Section title={t('plans.section.targets')} count={content.targets.length}>
        <RowList<Target>
          items={content.targets}
          onChange={(targets) => set({ targets })}
          createItem={() => ({ text: '', milestones: [], sourceTargetId: null })}
          addLabel={t('review.add.target')}
          removeLabel={(i) => t('review.remove.target', { n: i + 1 })}
          testId="edit-targets"
          renderRow={(target, i, change) => (
            <div className="target-block" data-testid="target-block">
              <Field id={`plan-target-${i}`} label={t('review.field.target', { n: i + 1 })}>
                <Input.TextArea
                  id={`plan-target-${i}`}
                  value={target.text}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  onChange={(e) => change({ ...target, text: e.target.value })}
                />
              </Field>
              {(byTarget.get(i) ?? []).map((message) => (
                <Alert
                  key={message}
                  type="warning"
                  showIcon
                  title={message}
                  className="target-item__warning"
                  data-testid="target-warning"
                />
              ))}
              <div className="fld__head">
                <span className="fld__label">{t('review.field.milestones')}</span>
              </div>
              <MilestonesEditor
                idPrefix={`plan-target-${i}`}
                milestones={target.milestones}
                onChange={(milestones) => change({ ...target, milestones })}
              />
            </div>
          )}
        />
      </Section>

      <Section title={t('plans.section.tasks')} count={content.tasks.length}>
        <RowList<Task>
          items={content.tasks}
          onChange={(tasks) => set({ tasks })}
          createItem={() => ({
            text: '',
            leadText: null,
            leadUnitId: null,
            cooperating: [],
            deadline: null,
            status: 'not_started',
            progressNote: null,
          })}
          addLabel={t('review.add.task')}
          removeLabel={(i) => t('review.remove.task', { n: i + 1 })}
          renderRow={(task, i, change) => (
            <>
              <Field id={`plan-task-${i}`} label={t('review.field.task', { n: i + 1 })}>
                <Input.TextArea
                  id={`plan-task-${i}`}
                  value={task.text}
                  autoSize={{ minRows: 1, maxRows: 5 }}
                  onChange={(e) => change({ ...task, text: e.target.value })}
                />
              </Field>
              <div className="fld-grid">
                <Field id={`plan-task-${i}-lead-unit`} label={t('plans.editor.leadUnit')}>
                  <UnitSearchSelect
                    id={`plan-task-${i}-lead-unit`}
                    date={today}
                    value={task.leadUnitId ?? null}
                    knownUnits={
                      task.leadUnitId
                        ? [{ id: task.leadUnitId, name: task.leadText ?? `#${task.leadUnitId}` }]
                        : []
                    }
                    onUnitsSeen={rememberUnits}
                    onChange={(value) => {
                      const id = typeof value === 'number' ? value : null;
                      change({
                        ...task,
                        leadUnitId: id,
                        leadText:
                          id !== null
                            ? (unitNames.current.get(id) ?? task.leadText ?? null)
                            : (task.leadText ?? null),
                      });
                    }}
                  />
                </Field>
                <Field id={`plan-task-${i}-lead`} label={t('review.field.lead')}>
                  <Input
                    id={`plan-task-${i}-lead`}
                    value={task.leadText ?? ''}
                    onChange={(e) => change({ ...task, leadText: orNull(e.target.value) })}
                  />
                </Field>
                <Field id={`plan-task-${i}-deadline`} label={t('review.field.deadline')}>
                  <IsoDateInput
                    id={`plan-task-${i}-deadline`}
                    value={task.deadline ?? null}
                    onChange={(deadline) => change({ ...task, deadline })}
                  />
                </Field>
                <Field id={`plan-task-${i}-status`} label={t('plans.col.status')}>
                  <Select
                    id={`plan-task-${i}-status`}
                    value={task.status}
                    onChange={(status) => change({ ...task, status })}
                    options={(['not_started', 'in_progress', 'done'] as const).map((s) => ({
                      value: s,
                      label: t(`plans.taskStatus.${s}`),
                    }))}
                  />
                </Field>
              </div>
              <div className="fld-grid">
                <Field id={`plan-task-${i}-coop-units`} label={t('plans.editor.cooperatingUnits')}>
                  <UnitSearchSelect
                    id={`plan-task-${i}-coop-units`}
                    multiple
                    date={today}
                    value={task.cooperating.flatMap((c) => (c.unitId !== null ? [c.unitId] : []))}
                    knownUnits={task.cooperating.flatMap((c) =>
                      c.unitId !== null ? [{ id: c.unitId, name: c.text }] : [],
                    )}
                    onUnitsSeen={rememberUnits}
                    onChange={(value) => {
                      const ids = Array.isArray(value) ? value : typeof value === 'number' ? [value] : [];
                      const inside = ids.map(
                        (id) =>
                          task.cooperating.find((c) => c.unitId === id) ?? {
                            text: unitNames.current.get(id) ?? `#${id}`,
                            unitId: id,
                          },
                      );
                      change({
                        ...task,
                        cooperating: [...inside, ...task.cooperating.filter((c) => c.unitId === null)],
                      });
                    }}
                  />
                </Field>
                <Field id={`plan-task-${i}-coop-outside`} label={t('plans.editor.cooperatingOutside')}>
                  <Select<string[]>
                    id={`plan-task-${i}-coop-outside`}
                    mode="tags"
                    open={false}
                    suffixIcon={null}
                    tokenSeparators={[';']}
                    placeholder={t('plans.editor.cooperatingOutsideHint')}
                    value={task.cooperating.flatMap((c) => (c.unitId === null ? [c.text] : []))}
                    onChange={(names) =>
                      change({
                        ...task,
                        cooperating: [
                          ...task.cooperating.filter((c) => c.unitId !== null),
                          ...names
                            .map((text) => text.trim())
                            .filter((text) => text.length > 0)
                            .map((text) => ({ text, unitId: null })),
                        ],
                      })
                    }
                  />
                </Field>
              </div>
            </>
          )}
        />
      </Section>

      <Section title={t('plans.section.assignments')} count={content.assignments.length}>
        <RowList<Assignment>
          items={content.assignments}
          onChange={(assignments) => set({ assignments })}
          createItem={() => ({ unitText: '', unitId: null, unitType: null, text: '' })}
          addLabel={t('review.add.assignment')}
          removeLabel={(i) => t('review.remove.assignment', { n: i + 1 })}
          renderRow={(a, i, change) => (
            <>
              <Field id={`plan-assignment-${i}-unit`} label={t('review.field.assignmentUnit')}>
                <Input
                  id={`plan-assignment-${i}-unit`}
                  value={a.unitText}
                  onChange={(e) => change({ ...a, unitText: e.target.value })}
                />
              </Field>
              <Field id={`plan-assignment-${i}-text`} label={t('review.field.assignmentText')}>
                <Input.TextArea
                  id={`plan-assignment-${i}-text`}
                  value={a.text}
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  onChange={(e) => change({ ...a, text: e.target.value })}
                />
              </Field>
            </>
          )}
        />
      </Section>

      <Section title={t('plans.section.reporting')} count={content.reporting.length}>
        <RowList<Reporting>
          items={content.reporting}
          onChange={(reporting) => set({ reporting })}
          createItem={() => ({ frequency: 'annual', due: null, recipient: null })}
          addLabel={t('review.add.reporting')}
          removeLabel={(i) => t('review.remove.reporting', { n: i + 1 })}
          renderRow={(r, i, change) => (
            <div className="fld-grid">
              <Field id={`plan-reporting-${i}-frequency`} label={t('review.field.frequency')}>
                <Select
                  id={`plan-reporting-${i}-frequency`}
                  value={r.frequency}
                  onChange={(frequency) =>
                    change({
                      ...r,
                      frequency,
                      due: dueShape(frequency) === dueShape(r.frequency) ? r.due : null,
                    })
                  }
                  options={REPORTING_FREQUENCIES.map((f) => ({ value: f, label: t(`plan.frequency.${f}`) }))}
                />
              </Field>
              <Field id={`plan-reporting-${i}-due`} label={t('review.field.due')}>
                <DueInput
                  id={`plan-reporting-${i}-due`}
                  frequency={r.frequency}
                  value={r.due}
                  onChange={(due) => change({ ...r, due })}
                />
              </Field>
              <Field id={`plan-reporting-${i}-to`} label={t('review.field.reportTo')}>
                <Input
                  id={`plan-reporting-${i}-to`}
                  value={r.recipient ?? ''}
                  onChange={(e) => change({ ...r, recipient: orNull(e.target.value) })}
                />
              </Field>
            </div>
          )}
        />
      </Section>

      <Section title={t('plans.section.events')} count={content.events.length}>
        <RowList<PlanEvent>
          items={content.events}
          onChange={(events) => set({ events })}
          createItem={() => ({ name: '', start: '01-01', end: null, calendar: 'solar', recurring: true })}
          addLabel={t('review.add.event')}
          removeLabel={(i) => t('review.remove.event', { n: i + 1 })}
          renderRow={(e, i, change) => (
            <div className="fld-grid fld-grid--event">
              <Field id={`plan-event-${i}-name`} label={t('review.field.eventName')}>
                <Input
                  id={`plan-event-${i}-name`}
                  value={e.name}
                  onChange={(ev) => change({ ...e, name: ev.target.value })}
                />
              </Field>
              <Field id={`plan-event-${i}-start`} label={t('review.field.eventStart')}>
                <MonthDayInput
                  id={`plan-event-${i}-start`}
                  value={/^\d{2}-\d{2}$/.test(e.start) ? e.start : e.start.slice(5)}
                  onChange={(start) => change({ ...e, start: start ?? e.start })}
                />
              </Field>
              <Field id={`plan-event-${i}-end`} label={t('review.field.eventEnd')}>
                <MonthDayInput
                  id={`plan-event-${i}-end`}
                  value={e.end && !/^\d{2}-\d{2}$/.test(e.end) ? e.end.slice(5) : e.end}
                  onChange={(end) => change({ ...e, end })}
                />
              </Field>
              <Field id={`plan-event-${i}-calendar`} label={t('plans.editor.calendar')}>
                <Select
                  id={`plan-event-${i}-calendar`}
                  value={e.calendar}
                  onChange={(calendar) => change({ ...e, calendar })}
                  options={(['solar', 'lunar'] as const).map((c) => ({
                    value: c,
                    label: t(`plans.editor.calendarName.${c}`),
                  }))}
                />
              </Field>
            </div>
          )}
        />
      </Section>

      <Section title={t('plans.section.funding')} count={content.funding.length}>
        {stringList('funding', true)}
      </Section>

      <Section title={t('review.section.signer')}>
        <div className="fld-grid">
          <Field id="plan-signer-authority" label={t('review.field.authority')}>
            <Select
              id="plan-signer-authority"
              allowClear
              value={signer.authority ?? undefined}
              onChange={(authority) => setSigner({ authority: authority ?? null })}
              options={SIGNER_AUTHORITIES.map((a) => ({ value: a, label: a }))}
            />
          </Field>
          {(['on_behalf_of', 'title', 'name'] as const).map((part) => (
            <Field key={part} id={`plan-signer-${part}`} label={t(`review.field.signer_${part}`)}>
              <Input
                id={`plan-signer-${part}`}
                value={signer[part] ?? ''}
                onChange={(e) => setSigner({ [part]: orNull(e.target.value) })}
              />
            </Field>
          ))}
        </div>
      </Section>

      <Section title={t('plans.section.recipients')} count={content.recipients.length}>
        {stringList('recipients', false)}
      </Section>
    </div>
  );
}
