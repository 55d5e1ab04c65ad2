import { AutoComplete, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TExtractedDocument, TReference } from '../../../../../contracts/plan-extract.ts';
import { Field } from '../../../components/fields/field.tsx';
import { IsoDateInput } from '../../../components/fields/iso-date-input.tsx';
import { RowList } from '../../../components/fields/row-list.tsx';
import { DOCUMENT_KINDS } from '../../../lib/domain-lists.ts';
import {
  AssignmentRows,
  ContentSection,
  EventRows,
  LineRows,
  ReportingRows,
  SignerFields,
  TargetRows,
  TaskRows,
} from '../../plan-content/content-sections.tsx';
import { type FieldKit, fieldDomId, fieldProps, orNull } from '../../plan-content/field-kit.ts';

interface ExtractEditorProps {
  docIndex: number;
  doc: TExtractedDocument;
  onChange: (doc: TExtractedDocument) => void;
  doubts: ReadonlyMap<string, string>;
  /** Field keys found in the source (they get a locate button). */
  located: ReadonlySet<string>;
  onLocate: (key: string) => void;
}

/** Every field of one extracted document, editable; doubtful ones carry the amber badge. */
export function ExtractEditor({ docIndex, doc, onChange, doubts, located, onLocate }: ExtractEditorProps) {
  const { t } = useTranslation();
  const kit: FieldKit = {
    id: (key) => fieldDomId(docIndex, key),
    doubt: (key) => doubts.get(key) ?? null,
    locate: (key) => (located.has(key) ? () => onLocate(key) : null),
  };
  const id = kit.id;
  const set = (patch: Partial<TExtractedDocument>) => onChange({ ...doc, ...patch });
  const text = (key: keyof TExtractedDocument & ('symbol' | 'issuer' | 'place'), label: string) => (
    <Field {...fieldProps(kit, key, label)} key={key}>
      <Input id={id(key)} value={doc[key] ?? ''} onChange={(e) => set({ [key]: orNull(e.target.value) })} />
    </Field>
  );

  return (
    <div className="extract-editor" data-doc-index={docIndex}>
      <ContentSection level={3} title={t('review.section.header')}>
        <div className="fld-grid">
          <Field {...fieldProps(kit, 'kind', t('review.field.kind'))}>
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
          <Field {...fieldProps(kit, 'date', t('review.field.date'))}>
            <IsoDateInput id={id('date')} value={doc.date} onChange={(date) => set({ date })} />
          </Field>
        </div>
        <Field {...fieldProps(kit, 'title', t('review.field.title'))}>
          <Input.TextArea
            id={id('title')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            value={doc.title ?? ''}
            onChange={(e) => set({ title: orNull(e.target.value) })}
          />
        </Field>
      </ContentSection>

      <ContentSection level={3} title={t('review.section.addressees')} count={doc.addressees.length}>
        <LineRows
          items={doc.addressees}
          onChange={(addressees) => set({ addressees })}
          kit={kit}
          keyPrefix="addressees"
          label={(i) => t('review.field.addressee', { n: i + 1 })}
          addLabel={t('review.add.addressee')}
          removeLabel={(i) => t('review.remove.addressee', { n: i + 1 })}
        />
      </ContentSection>

      <ContentSection level={3} title={t('review.section.signer')} doubt={kit.doubt('signer')}>
        <SignerFields signer={doc.signer} onChange={(signer) => set({ signer })} kit={kit} />
      </ContentSection>

      <ContentSection level={3} title={t('review.section.references')} count={doc.references.length}>
        <RowList<TReference>
          items={doc.references}
          onChange={(references) => set({ references })}
          createItem={() => ({ kind: null, symbol: '', date: null, issuer: null, relation: 'basis' })}
          addLabel={t('review.add.reference')}
          removeLabel={(i) => t('review.remove.reference', { n: i + 1 })}
          testId="references"
          renderRow={(ref, i, change) => (
            <div className="fld-grid fld-grid--4">
              <Field {...fieldProps(kit, `references.${i}.symbol`, t('review.field.refSymbol'))}>
                <Input
                  id={id(`references.${i}.symbol`)}
                  value={ref.symbol}
                  onChange={(e) => change({ ...ref, symbol: e.target.value })}
                />
              </Field>
              <Field {...fieldProps(kit, `references.${i}.date`, t('review.field.refDate'))}>
                <IsoDateInput
                  id={id(`references.${i}.date`)}
                  value={ref.date}
                  onChange={(date) => change({ ...ref, date })}
                />
              </Field>
              <Field {...fieldProps(kit, `references.${i}.issuer`, t('review.field.refIssuer'))}>
                <Input
                  id={id(`references.${i}.issuer`)}
                  value={ref.issuer ?? ''}
                  onChange={(e) => change({ ...ref, issuer: orNull(e.target.value) })}
                />
              </Field>
              <Field {...fieldProps(kit, `references.${i}.relation`, t('review.field.relation'))}>
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
      </ContentSection>

      <ContentSection level={3} title={t('review.section.targets')} count={doc.targets.length}>
        <TargetRows
          items={doc.targets}
          onChange={(targets) => set({ targets })}
          kit={kit}
          createItem={() => ({ text: '', milestones: [] })}
          testId="targets"
        />
      </ContentSection>

      <ContentSection level={3} title={t('review.section.tasks')} count={doc.tasks.length}>
        <TaskRows
          items={doc.tasks}
          onChange={(tasks) => set({ tasks })}
          kit={kit}
          createItem={() => ({ text: '', deadline: null, lead: null })}
          lead={{ get: (task) => task.lead, set: (task, lead) => ({ ...task, lead }) }}
        />
      </ContentSection>

      <ContentSection level={3} title={t('review.section.assignments')} count={doc.assignments.length}>
        <AssignmentRows
          items={doc.assignments}
          onChange={(assignments) => set({ assignments })}
          kit={kit}
          createItem={() => ({ unit: '', text: '' })}
          unit={{ get: (a) => a.unit, set: (a, unit) => ({ ...a, unit }) }}
        />
      </ContentSection>

      <ContentSection level={3} title={t('review.section.reporting')} count={doc.reporting.length}>
        <ReportingRows
          items={doc.reporting}
          onChange={(reporting) => set({ reporting })}
          kit={kit}
          createItem={() => ({ frequency: 'annual', due: null, to: null })}
          recipient={{ get: (r) => r.to, set: (r, to) => ({ ...r, to }) }}
        />
      </ContentSection>

      <ContentSection level={3} title={t('review.section.recipients')} count={doc.recipients.length}>
        <LineRows
          items={doc.recipients}
          onChange={(recipients) => set({ recipients })}
          kit={kit}
          keyPrefix="recipients"
          label={(i) => t('review.field.recipient', { n: i + 1 })}
          addLabel={t('review.add.recipient')}
          removeLabel={(i) => t('review.remove.recipient', { n: i + 1 })}
        />
      </ContentSection>

      <ContentSection level={3} title={t('review.section.events')} count={doc.events.length}>
        <EventRows
          items={doc.events}
          onChange={(events) => set({ events })}
          kit={kit}
          createItem={() => ({ name: '', start: null, end: null })}
        />
      </ContentSection>
    </div>
  );
}
