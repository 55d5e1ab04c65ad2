import { AutoComplete, Input, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  TExtractedDocument,
  TReference,
  TReporting,
  TSigner,
  TTarget,
  TTask,
} from '../../../../../contracts/plan-extract.ts';
import { DueInput } from '../../../components/fields/due-input.tsx';
import { Field } from '../../../components/fields/field.tsx';
import { IsoDateInput } from '../../../components/fields/iso-date-input.tsx';
import { MilestonesEditor } from '../../../components/fields/milestones-editor.tsx';
import { MonthDayInput } from '../../../components/fields/month-day-input.tsx';
import { RowList } from '../../../components/fields/row-list.tsx';
import { UncertainBadge } from '../../../components/fields/uncertain-badge.tsx';
import { DOCUMENT_KINDS, REPORTING_FREQUENCIES, SIGNER_AUTHORITIES } from '../../../lib/domain-lists.ts';
import { dueShape } from '../../../lib/plan-text.ts';
import { fieldDomId } from './extract-fields.ts';

interface ExtractEditorProps {
  docIndex: number;
  doc: TExtractedDocument;
  onChange: (doc: TExtractedDocument) => void;
  doubts: ReadonlyMap<string, string>;
  /** Field keys found in the source (they get a locate button). */
  located: ReadonlySet<string>;
  onLocate: (key: string) => void;
}

const EMPTY_SIGNER: TSigner = { authority: null, on_behalf_of: null, title: null, name: null };
const orNull = (value: string): string | null => (value.trim() === '' ? null : value);

function Section({
  title,
  count,
  children,
  doubt,
}: {
  title: string;
  count?: number;
  children: ReactNode;
  doubt?: string | null;
}) {
  return (
    <section className="review-section">
      <Typography.Title level={3} className="review-section__title">
        {title}
        {count !== undefined && <span className="review-section__count"> ({count})</span>}
        {doubt && <UncertainBadge reason={doubt} />}
      </Typography.Title>
      {children}
    </section>
  );
}

/** Every field of one extracted document, editable; doubtful ones carry the amber badge. */
export function ExtractEditor({ docIndex, doc, onChange, doubts, located, onLocate }: ExtractEditorProps) {
  const { t } = useTranslation();
  const id = (key: string) => fieldDomId(docIndex, key);
  const set = (patch: Partial<TExtractedDocument>) => onChange({ ...doc, ...patch });
  const locate = (key: string) => (located.has(key) ? () => onLocate(key) : null);
  const fieldProps = (key: string, label: string) => ({
    id: id(key),
    label,
    uncertain: doubts.get(key) ?? null,
    onLocate: locate(key),
    fieldKey: key,
  });
  const text = (key: keyof TExtractedDocument & ('symbol' | 'issuer' | 'place'), label: string) => (
    <Field {...fieldProps(key, label)} key={key}>
      <Input id={id(key)} value={doc[key] ?? ''} onChange={(e) => set({ [key]: orNull(e.target.value) })} />
    </Field>
  );
  const signer = doc.signer ?? EMPTY_SIGNER;
  const setSigner = (patch: Partial<TSigner>) => {
    const next = { ...signer, ...patch };
    set({ signer: Object.values(next).every((v) => v === null) ? null : next });
  };

  return (
    <div className="extract-editor" data-doc-index={docIndex}>
      <Section title={t('review.section.header')}>
        <div className="fld-grid">
          <Field {...fieldProps('kind', t('review.field.kind'))}>
            <AutoComplete
              id={id('kind')}
              value={doc.kind ?? ''}
              options={DOCUMENT_KINDS.map((kind) => ({
                value: kind,
                label: `${kind} — ${t(`documents.kind.${kind}`)}`,
              }))}
              onChange={(value: string) => set({ kind: orNull(value) })}
            />
          </Field>
          {text('symbol', t('review.field.symbol'))}
          {text('issuer', t('review.field.issuer'))}
          {text('place', t('review.field.place'))}
          <Field {...fieldProps('date', t('review.field.date'))}>
            <IsoDateInput id={id('date')} value={doc.date} onChange={(date) => set({ date })} />
          </Field>
        </div>
        <Field {...fieldProps('title', t('review.field.title'))}>
          <Input.TextArea
            id={id('title')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            value={doc.title ?? ''}
            onChange={(e) => set({ title: orNull(e.target.value) })}
          />
        </Field>
      </Section>

      <Section title={t('review.section.addressees')} count={doc.addressees.length}>
        <RowList
          items={doc.addressees}
          onChange={(addressees) => set({ addressees })}
          createItem={() => ''}
          addLabel={t('review.add.addressee')}
          removeLabel={(i) => t('review.remove.addressee', { n: i + 1 })}
          renderRow={(value, i, change) => (
            <Field {...fieldProps(`addressees.${i}`, t('review.field.addressee', { n: i + 1 }))}>
              <Input id={id(`addressees.${i}`)} value={value} onChange={(e) => change(e.target.value)} />
            </Field>
          )}
        />
      </Section>

      <Section title={t('review.section.signer')} doubt={doubts.get('signer')}>
        <div className="fld-grid">
          <Field {...fieldProps('signer.authority', t('review.field.authority'))}>
            <Select
              id={id('signer.authority')}
              allowClear
              value={signer.authority ?? undefined}
              onChange={(authority) => setSigner({ authority: authority ?? null })}
              options={SIGNER_AUTHORITIES.map((a) => ({ value: a, label: a }))}
            />
          </Field>
          {(['on_behalf_of', 'title', 'name'] as const).map((part) => (
            <Field key={part} {...fieldProps(`signer.${part}`, t(`review.field.signer_${part}`))}>
              <Input
                id={id(`signer.${part}`)}
                value={signer[part] ?? ''}
                onChange={(e) => setSigner({ [part]: orNull(e.target.value) })}
              />
            </Field>
          ))}
        </div>
      </Section>

      <Section title={t('review.section.references')} count={doc.references.length}>
        <RowList<TReference>
          items={doc.references}
          onChange={(references) => set({ references })}
          createItem={() => ({ kind: null, symbol: '', date: null, issuer: null, relation: 'basis' })}
          addLabel={t('review.add.reference')}
          removeLabel={(i) => t('review.remove.reference', { n: i + 1 })}
          testId="references"
          renderRow={(ref, i, change) => (
            <div className="fld-grid fld-grid--4">
              <Field {...fieldProps(`references.${i}.symbol`, t('review.field.refSymbol'))}>
                <Input
                  id={id(`references.${i}.symbol`)}
                  value={ref.symbol}
                  onChange={(e) => change({ ...ref, symbol: e.target.value })}
                />
              </Field>
              <Field {...fieldProps(`references.${i}.date`, t('review.field.refDate'))}>
                <IsoDateInput
                  id={id(`references.${i}.date`)}
                  value={ref.date}
                  onChange={(date) => change({ ...ref, date })}
                />
              </Field>
              <Field {...fieldProps(`references.${i}.issuer`, t('review.field.refIssuer'))}>
                <Input
                  id={id(`references.${i}.issuer`)}
                  value={ref.issuer ?? ''}
                  onChange={(e) => change({ ...ref, issuer: orNull(e.target.value) })}
                />
              </Field>
              <Field {...fieldProps(`references.${i}.relation`, t('review.field.relation'))}>
                <Select
                  id={id(`references.${i}.relation`)}
                  value={ref.relation}
                  onChange={(relation) => change({ ...ref, relation })}
                  options={[
                    { value: 'basis', label: t('documents.relation.basis') },
                    { value: 'cited', label: t('documents.relation.cited') },
                  ]}
                />
              </Field>
            </div>
          )}
        />
      </Section>

      <Section title={t('review.section.targets')} count={doc.targets.length}>
        <RowList<TTarget>
          items={doc.targets}
          onChange={(targets) => set({ targets })}
          createItem={() => ({ text: '', milestones: [] })}
          addLabel={t('review.add.target')}
          removeLabel={(i) => t('review.remove.target', { n: i + 1 })}
          testId="targets"
          renderRow={(target, i, change) => (
            <div className="target-block" data-testid="target-block">
              <Field {...fieldProps(`targets.${i}.text`, t('review.field.target', { n: i + 1 }))}>
                <Input.TextArea
                  id={id(`targets.${i}.text`)}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  value={target.text}
                  onChange={(e) => change({ ...target, text: e.target.value })}
                />
              </Field>
              <div className="fld__head">
                <span className="fld__label">{t('review.field.milestones')}</span>
                {doubts.get(`targets.${i}.milestones`) && (
                  <UncertainBadge reason={doubts.get(`targets.${i}.milestones`) ?? ''} />
                )}
              </div>
              <MilestonesEditor
                idPrefix={id(`targets.${i}`)}
                milestones={target.milestones}
                onChange={(milestones) => change({ ...target, milestones })}
              />
            </div>
          )}
        />
      </Section>

      <Section title={t('review.section.tasks')} count={doc.tasks.length}>
        <RowList<TTask>
          items={doc.tasks}
          onChange={(tasks) => set({ tasks })}
          createItem={() => ({ text: '', deadline: null, lead: null })}
          addLabel={t('review.add.task')}
          removeLabel={(i) => t('review.remove.task', { n: i + 1 })}
          renderRow={(task, i, change) => (
            <>
              <Field {...fieldProps(`tasks.${i}.text`, t('review.field.task', { n: i + 1 }))}>
                <Input.TextArea
                  id={id(`tasks.${i}.text`)}
                  autoSize={{ minRows: 1, maxRows: 5 }}
                  value={task.text}
                  onChange={(e) => change({ ...task, text: e.target.value })}
                />
              </Field>
              <div className="fld-grid">
                <Field {...fieldProps(`tasks.${i}.lead`, t('review.field.lead'))}>
                  <Input
                    id={id(`tasks.${i}.lead`)}
                    value={task.lead ?? ''}
                    onChange={(e) => change({ ...task, lead: orNull(e.target.value) })}
                  />
                </Field>
                <Field {...fieldProps(`tasks.${i}.deadline`, t('review.field.deadline'))}>
                  <IsoDateInput
                    id={id(`tasks.${i}.deadline`)}
                    value={task.deadline}
                    onChange={(deadline) => change({ ...task, deadline })}
                  />
                </Field>
              </div>
            </>
          )}
        />
      </Section>

      <Section title={t('review.section.assignments')} count={doc.assignments.length}>
        <RowList
          items={doc.assignments}
          onChange={(assignments) => set({ assignments })}
          createItem={() => ({ unit: '', text: '' })}
          addLabel={t('review.add.assignment')}
          removeLabel={(i) => t('review.remove.assignment', { n: i + 1 })}
          renderRow={(a, i, change) => (
            <>
              <Field {...fieldProps(`assignments.${i}.unit`, t('review.field.assignmentUnit'))}>
                <Input
                  id={id(`assignments.${i}.unit`)}
                  value={a.unit}
                  onChange={(e) => change({ ...a, unit: e.target.value })}
                />
              </Field>
              <Field {...fieldProps(`assignments.${i}.text`, t('review.field.assignmentText'))}>
                <Input.TextArea
                  id={id(`assignments.${i}.text`)}
                  autoSize={{ minRows: 1, maxRows: 5 }}
                  value={a.text}
                  onChange={(e) => change({ ...a, text: e.target.value })}
                />
              </Field>
            </>
          )}
        />
      </Section>

      <Section title={t('review.section.reporting')} count={doc.reporting.length}>
        <RowList<TReporting>
          items={doc.reporting}
          onChange={(reporting) => set({ reporting })}
          createItem={() => ({ frequency: 'annual', due: null, to: null })}
          addLabel={t('review.add.reporting')}
          removeLabel={(i) => t('review.remove.reporting', { n: i + 1 })}
          renderRow={(r, i, change) => (
            <div className="fld-grid">
              <Field {...fieldProps(`reporting.${i}.frequency`, t('review.field.frequency'))}>
                <Select
                  id={id(`reporting.${i}.frequency`)}
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
              <Field {...fieldProps(`reporting.${i}.due`, t('review.field.due'))}>
                <DueInput
                  id={id(`reporting.${i}.due`)}
                  frequency={r.frequency}
                  value={r.due}
                  onChange={(due) => change({ ...r, due })}
                />
              </Field>
              <Field {...fieldProps(`reporting.${i}.to`, t('review.field.reportTo'))}>
                <Input
                  id={id(`reporting.${i}.to`)}
                  value={r.to ?? ''}
                  onChange={(e) => change({ ...r, to: orNull(e.target.value) })}
                />
              </Field>
            </div>
          )}
        />
      </Section>

      <Section title={t('review.section.recipients')} count={doc.recipients.length}>
        <RowList
          items={doc.recipients}
          onChange={(recipients) => set({ recipients })}
          createItem={() => ''}
          addLabel={t('review.add.recipient')}
          removeLabel={(i) => t('review.remove.recipient', { n: i + 1 })}
          renderRow={(value, i, change) => (
            <Field {...fieldProps(`recipients.${i}`, t('review.field.recipient', { n: i + 1 }))}>
              <Input id={id(`recipients.${i}`)} value={value} onChange={(e) => change(e.target.value)} />
            </Field>
          )}
        />
      </Section>

      <Section title={t('review.section.events')} count={doc.events.length}>
        <RowList
          items={doc.events}
          onChange={(events) => set({ events })}
          createItem={() => ({ name: '', start: null, end: null })}
          addLabel={t('review.add.event')}
          removeLabel={(i) => t('review.remove.event', { n: i + 1 })}
          renderRow={(e, i, change) => (
            <div className="fld-grid fld-grid--event">
              <Field {...fieldProps(`events.${i}.name`, t('review.field.eventName'))}>
                <Input
                  id={id(`events.${i}.name`)}
                  value={e.name}
                  onChange={(ev) => change({ ...e, name: ev.target.value })}
                />
              </Field>
              <Field {...fieldProps(`events.${i}.start`, t('review.field.eventStart'))}>
                <MonthDayInput
                  id={id(`events.${i}.start`)}
                  value={e.start}
                  onChange={(start) => change({ ...e, start })}
                />
              </Field>
              <Field {...fieldProps(`events.${i}.end`, t('review.field.eventEnd'))}>
                <MonthDayInput
                  id={id(`events.${i}.end`)}
                  value={e.end}
                  onChange={(end) => change({ ...e, end })}
                />
              </Field>
            </div>
          )}
        />
      </Section>
    </div>
  );
}
