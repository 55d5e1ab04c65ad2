import { Input, Select, type SelectProps } from 'antd';
import { type ReactNode, useId } from 'react';

/** One labelled filter in a list page's filter bar (`grow` takes the spare width, e.g. search). */
export function FilterField({
  label,
  htmlFor,
  grow = false,
  children,
}: {
  label: ReactNode;
  /** The id of the control inside, which the label names. */
  htmlFor: string;
  grow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={grow ? 'filters__item filters__item--grow' : 'filters__item'}>
      <label htmlFor={htmlFor} className="field-label">
        {label}
      </label>
      {children}
    </div>
  );
}

/** The filter bar's search box: free text, cleared with one click, taking the spare width. */
export function SearchFilter({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <FilterField label={label} htmlFor={id} grow>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        allowClear
      />
    </FilterField>
  );
}

/** A choice in the filter bar; cleared, it filters nothing (`placeholder` says "all"). */
export function ChoiceFilter<T extends string | number>({
  label,
  value,
  onChange,
  placeholder,
  options,
  className = 'filters__select',
  showSearch,
}: {
  label: ReactNode;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  placeholder: string;
  options: { value: T; label: ReactNode }[];
  className?: string;
  showSearch?: SelectProps['showSearch'];
}) {
  const id = useId();
  return (
    <FilterField label={label} htmlFor={id}>
      <Select<T>
        id={id}
        allowClear
        value={value}
        onChange={onChange}
        placeholder={placeholder}
        className={className}
        options={options}
        {...(showSearch === undefined ? {} : { showSearch })}
      />
    </FilterField>
  );
}
