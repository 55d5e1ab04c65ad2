import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TReportingFrequency } from '../../../../contracts/plan-extract.ts';
import { dueShape } from '../../lib/plan-text.ts';
import { IsoDateInput } from './iso-date-input.tsx';
import { MonthDayInput } from './month-day-input.tsx';

/** The due date in the form its frequency takes: dd/mm, a day of the month, or a full date. */
export function DueInput({
  id,
  frequency,
  value,
  onChange,
}: {
  id: string;
  frequency: TReportingFrequency;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const shape = dueShape(frequency);
  if (shape === 'monthDay') return <MonthDayInput id={id} value={value} onChange={onChange} />;
  if (shape === 'date') return <IsoDateInput id={id} value={value} onChange={onChange} />;
  if (shape === 'day')
    return (
      <Select
        id={id}
        allowClear
        value={value ?? undefined}
        onChange={(day) => onChange(day ?? null)}
        options={Array.from({ length: 31 }, (_, i) => {
          const day = String(i + 1).padStart(2, '0');
          return { value: day, label: t('review.dayOfMonth', { day: i + 1 }) };
        })}
      />
    );
  return <Input id={id} value={t('review.noDue')} disabled />;
}
