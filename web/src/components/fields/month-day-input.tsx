import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { formatMonthDay, parseMonthDay } from '../../lib/plan-text.ts';

interface MonthDayInputProps {
  id?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  'aria-label'?: string;
}

/** A day of the year typed as dd/mm, held as `MM-DD`; text that is not a date stays visible in red. */
export function MonthDayInput({ id, value, onChange, 'aria-label': ariaLabel }: MonthDayInputProps) {
  const [text, setText] = useState(value ? formatMonthDay(value) : '');
  useEffect(() => {
    setText((current) => (parseMonthDay(current) === value ? current : value ? formatMonthDay(value) : ''));
  }, [value]);
  const invalid = text.trim() !== '' && parseMonthDay(text) === null;
  return (
    <Input
      id={id}
      aria-label={ariaLabel}
      value={text}
      placeholder="dd/mm"
      inputMode="numeric"
      status={invalid ? 'error' : undefined}
      aria-invalid={invalid}
      className="fld__short"
      onChange={(event) => {
        setText(event.target.value);
        const parsed = parseMonthDay(event.target.value);
        if (parsed || event.target.value.trim() === '') onChange(parsed);
      }}
    />
  );
}
