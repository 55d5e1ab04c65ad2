import type { HTMLAttributes } from 'react';

/**
 * A bordered white box drawn like antd's `<Card size="small">` without a title. antd's Card
 * imports its Tabs (and through them Dropdown and Menu, ~18 KB gzip), which the report form,
 * made of many such boxes, has no use for.
 */
export function PlainCard({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div {...props} className={className ? `plain-card ${className}` : 'plain-card'} />;
}
