import { Alert, AutoComplete, Input, InputNumber, Select } from 'antd';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan, TPlanContent } from '../../../../contracts/plans.ts';
import { Field } from '../../components/fields/field.tsx';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { type UnitOption, UnitSearchSelect } from '../../components/unit-search-select.tsx';
import { DOCUMENT_KINDS } from '../../lib/domain-lists.ts';
import { todayIso } from '../../lib/format.ts';
import {
  AssignmentRows,
  ContentSection,
  EventRows,
  LineRows,
  ReportingRows,
  SignerFields,
  TargetRows,
  TaskRows,
} from '../plan-content/content-sections.tsx';
import { fieldProps, orNull, plainFieldKit } from '../plan-content/field-kit.ts';
import { warningsByTarget } from './plan-content.ts';

type Content = TPlanContent;
type Task = Content['tasks'][number];

interface PlanEditorProps {
  content: Content;
  onChange: (content: Content) => void;
  /** The server's warnings of the last saved version (a target below the level above's). */
  warnings: TPlan['warnings'];
}

const kit = plainFieldKit('plan');

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
  const lines = (key: 'purposes' | 'funding' | 'recipients', multiline: boolean) => (
    <LineRows
      items={content[key]}
      onChange={(items) => set({ [key]: items })}
      kit={kit}
      keyPrefix={key}
      multiline={multiline}
      label={(i) => t(`plans.editor.item.${key}`, { n: i + 1 })}
      addLabel={t(`plans.editor.add.${key}`)}
      removeLabel={(i) => t(`plans.editor.remove.${key}`, { n: i + 1 })}
    />
  );
  const plain = (key: 'issuerName' | 'supervisingBody' | 'place', label: string) => (
    <Field {...fieldProps(kit, key, label)}>
      <Input
        id={kit.id(key)}
        value={content[key] ?? ''}
        onChange={(e) => set({ [key]: orNull(e.target.value) })}
      />
    </Field>
  );
  const year = (key: 'yearFrom' | 'yearTo', label: string) => (
    <Field {...fieldProps(kit, key, label)}>
      <InputNumber
        id={kit.id(key)}
        className="fld__year"
        min={1945}
        max={2100}
        value={content[key]}
        onChange={(value) => set({ [key]: value })}
      />
    </Field>
  );
  /** The units of the organisation a task is led by and done with; free names kept apart. */
  const taskUnits = (task: Task, i: number, change: (next: Task) => void) => (
    <>
      <div className="fld-grid">
        <Field {...fieldProps(kit, `tasks.${i}.leadUnit`, t('plans.editor.leadUnit'))}>
          <UnitSearchSelect
            id={kit.id(`tasks.${i}.leadUnit`)}
            date={today}
            value={task.leadUnitId ?? null}
            knownUnits={
              task.leadUnitId ? [{ id: task.leadUnitId, name: task.leadText ?? `#${task.leadUnitId}` }] : []
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
        <Field {...fieldProps(kit, `tasks.${i}.status`, t('plans.col.status'))}>
          <Select
            id={kit.id(`tasks.${i}.status`)}
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
        <Field {...fieldProps(kit, `tasks.${i}.cooperatingUnits`, t('plans.editor.cooperatingUnits'))}>
          <UnitSearchSelect
            id={kit.id(`tasks.${i}.cooperatingUnits`)}
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
        <Field {...fieldProps(kit, `tasks.${i}.cooperatingOutside`, t('plans.editor.cooperatingOutside'))}>
          <Select<string[]>
            id={kit.id(`tasks.${i}.cooperatingOutside`)}
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
  );

  return (
    <div className="plan-editor">
      <ContentSection level={2} title={t('review.section.header')}>
        <Field {...fieldProps(kit, 'title', t('plans.field.title'))}>
          <Input.TextArea
            id={kit.id('title')}
            value={content.title}
            autoSize={{ minRows: 2, maxRows: 5 }}
            onChange={(e) => set({ title: e.target.value })}
            status={content.title.trim() ? undefined : 'error'}
          />
        </Field>
        <div className="fld-grid">
          <Field {...fieldProps(kit, 'kind', t('review.field.kind'))}>
            <AutoComplete
              id={kit.id('kind')}
              value={content.kind}
              onChange={(kind: string) => set({ kind })}
              options={DOCUMENT_KINDS.map((k) => ({ value: k }))}
            />
          </Field>
          {year('yearFrom', t('plans.field.yearFrom'))}
          {year('yearTo', t('plans.field.yearTo'))}
          {plain('issuerName', t('review.field.issuer'))}
          {plain('supervisingBody', t('plans.field.supervisingBody'))}
          {plain('place', t('review.field.place'))}
          <Field {...fieldProps(kit, 'implementDeadline', t('plans.field.implementDeadline'))}>
            <IsoDateInput
              id={kit.id('implementDeadline')}
              value={content.implementDeadline}
              onChange={(implementDeadline) => set({ implementDeadline })}
            />
          </Field>
        </div>
        <Field {...fieldProps(kit, 'preamble', t('plans.field.preamble'))}>
          <Input.TextArea
            id={kit.id('preamble')}
            value={content.preamble ?? ''}
            autoSize={{ minRows: 2, maxRows: 8 }}
            onChange={(e) => set({ preamble: orNull(e.target.value) })}
          />
        </Field>
      </ContentSection>

      <ContentSection level={2} title={t('plans.section.purposes')} count={content.purposes.length}>
        {lines('purposes', true)}
      </ContentSection>

      <ContentSection level={2} title={t('plans.section.targets')} count={content.targets.length}>
        <TargetRows
          items={content.targets}
          onChange={(targets) => set({ targets })}
          kit={kit}
          createItem={() => ({ text: '', milestones: [], sourceTargetId: null })}
          testId="edit-targets"
          below={(i) =>
            (byTarget.get(i) ?? []).map((message) => (
              <Alert
                key={message}
                type="warning"
                showIcon
                title={message}
                className="target-item__warning"
                data-testid="target-warning"
              />
            ))
          }
        />
      </ContentSection>

      <ContentSection level={2} title={t('plans.section.tasks')} count={content.tasks.length}>
        <TaskRows<Task>
          items={content.tasks}
          onChange={(tasks) => set({ tasks })}
          kit={kit}
          createItem={() => ({
            text: '',
            leadText: null,
            leadUnitId: null,
            cooperating: [],
            deadline: null,
            status: 'not_started',
            progressNote: null,
          })}
          lead={{ get: (task) => task.leadText ?? null, set: (task, leadText) => ({ ...task, leadText }) }}
          more={taskUnits}
        />
      </ContentSection>

      <ContentSection level={2} title={t('plans.section.assignments')} count={content.assignments.length}>
        <AssignmentRows
          items={content.assignments}
          onChange={(assignments) => set({ assignments })}
          kit={kit}
          createItem={() => ({ unitText: '', unitId: null, unitType: null, text: '' })}
          unit={{ get: (a) => a.unitText, set: (a, unitText) => ({ ...a, unitText }) }}
        />
      </ContentSection>

      <ContentSection level={2} title={t('plans.section.reporting')} count={content.reporting.length}>
        <ReportingRows
          items={content.reporting}
          onChange={(reporting) => set({ reporting })}
          kit={kit}
          createItem={() => ({ frequency: 'annual', due: null, recipient: null })}
          recipient={{ get: (r) => r.recipient, set: (r, recipient) => ({ ...r, recipient }) }}
        />
      </ContentSection>

      <ContentSection level={2} title={t('plans.section.events')} count={content.events.length}>
        <EventRows<Content['events'][number]>
          items={content.events}
          onChange={(events) => set({ events })}
          kit={kit}
          startRequired
          createItem={() => ({ name: '', start: '01-01', end: null, calendar: 'solar', recurring: true })}
          more={(e, i, change) => (
            <Field {...fieldProps(kit, `events.${i}.calendar`, t('plans.editor.calendar'))}>
              <Select
                id={kit.id(`events.${i}.calendar`)}
                value={e.calendar}
                onChange={(calendar) => change({ ...e, calendar })}
                options={(['solar', 'lunar'] as const).map((c) => ({
                  value: c,
                  label: t(`plans.editor.calendarName.${c}`),
                }))}
              />
            </Field>
          )}
        />
      </ContentSection>

      <ContentSection level={2} title={t('plans.section.funding')} count={content.funding.length}>
        {lines('funding', true)}
      </ContentSection>

      <ContentSection level={2} title={t('review.section.signer')}>
        <SignerFields signer={content.signer} onChange={(signer) => set({ signer })} kit={kit} />
      </ContentSection>

      <ContentSection level={2} title={t('plans.section.recipients')} count={content.recipients.length}>
        {lines('recipients', false)}
      </ContentSection>
    </div>
  );
}
