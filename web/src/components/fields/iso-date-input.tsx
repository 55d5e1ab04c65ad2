import { DatePicker } from 'antd';
import { DISPLAY_DATE_FORMAT, fromIsoDate, isIsoDate, toIsoDate } from '../../lib/format.ts';

interface IsoDateInputProps {
  id?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  'aria-label'?: string;
  status?: 'warning' | 'error';
}

/** A date picker holding `YYYY-MM-DD` and showing dd/mm/yyyy (typed or picked). */
export function IsoDateInput({ id, value, onChange, status, 'aria-label': ariaLabel }: IsoDateInputProps) {
  return (
    <DatePicker
      id={id}
      aria-label={ariaLabel}
      className="fld__date"
      value={isIsoDate(value) ? fromIsoDate(value) : null}
      format={DISPLAY_DATE_FORMAT}
      placeholder="dd/mm/yyyy"
      status={status}
      onChange={(next) => onChange(next ? toIsoDate(next) : null)}
    />
  );
}
