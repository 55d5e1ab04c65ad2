import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TMilestone } from '../../../../contracts/plan-extract.ts';
import { COMPARATORS } from '../../lib/domain-lists.ts';
import { COMPARATOR_KEY, milestoneSentence } from '../../lib/plan-text.ts';

interface MilestonesEditorProps {
  idPrefix: string;
  milestones: TMilestone[];
  onChange: (milestones: TMilestone[]) => void;
}

/** Rows of year (or every year), comparator in words, value and unit; the sentence reads back below. */
export function MilestonesEditor({ idPrefix, milestones, onChange }: MilestonesEditorProps) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<TMilestone>) =>
    onChange(milestones.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  return (
    <div className="milestones">
      {milestones.map((milestone, index) => {
        const id = `${idPrefix}-m${index}`;
        const annual = milestone.recurrence === 'annual';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <div className="milestone-row" key={index} data-testid="milestone-row">
            <div className="milestone-row__fields">
              <div className="mini-fld">
                <label htmlFor={`${id}-year`}>{t('plan.field.year')}</label>
                <InputNumber
                  id={`${id}-year`}
                  value={milestone.year}
                  min={1945}
                  max={2100}
                  disabled={annual}
                  onChange={(year) => set(index, { year: year ?? null })}
                  className="fld__year"
                />
              </div>
              <div className="mini-fld mini-fld--check">
                <Checkbox
                  id={`${id}-annual`}
                  checked={annual}
                  onChange={(event) => {
                    const { recurrence: _drop, ...rest } = milestone;
                    const next: TMilestone = event.target.checked
                      ? { ...rest, year: null, recurrence: 'annual' }
                      : { ...rest, year: new Date().getFullYear() };
                    onChange(milestones.map((m, i) => (i === index ? next : m)));
                  }}
                >
                  {t('plan.field.everyYear')}
                </Checkbox>
              </div>
              <div className="mini-fld">
                <label htmlFor={`${id}-op`}>{t('plan.field.comparator')}</label>
                <Select
                  id={`${id}-op`}
                  value={milestone.op}
                  onChange={(op) => set(index, { op })}
                  options={COMPARATORS.map((op) => ({
                    value: op,
                    label: t(`plan.comparator.${COMPARATOR_KEY[op]}`),
                  }))}
                  popupMatchSelectWidth={false}
                  className="fld__op"
                />
              </div>
              <div className="mini-fld">
                <label htmlFor={`${id}-value`}>{t('plan.field.value')}</label>
                <InputNumber
                  id={`${id}-value`}
                  value={milestone.value}
                  onChange={(value) => set(index, { value: value ?? 0 })}
                  className="fld__value"
                  data-testid="milestone-value"
                />
              </div>
              <div className="mini-fld">
                <label htmlFor={`${id}-unit`}>{t('plan.field.unit')}</label>
                <Input
                  id={`${id}-unit`}
                  value={milestone.unit ?? ''}
                  onChange={(event) => set(index, { unit: event.target.value || null })}
                  className="fld__unit"
                />
              </div>
              <Button
                type="text"
                className="row-remove"
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t('plan.removeMilestone', { n: index + 1 })}
                onClick={() => onChange(milestones.filter((_, i) => i !== index))}
              />
            </div>
            <div className="milestone-row__sentence">{milestoneSentence(t, milestone)}</div>
          </div>
        );
      })}
      <Button
        size="small"
        icon={<PlusOutlined aria-hidden />}
        onClick={() =>
          onChange([
            ...milestones,
            {
              year: (milestones.at(-1)?.year ?? new Date().getFullYear()) || null,
              op: '>=',
              value: 0,
              unit: milestones.at(-1)?.unit ?? '%',
            },
          ])
        }
      >
        {t('plan.addMilestone')}
      </Button>
    </div>
  );
}
