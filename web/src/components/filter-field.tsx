import type { ReactNode } from 'react';

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
