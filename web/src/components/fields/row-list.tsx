import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface RowListProps<T> {
  items: T[];
  onChange: (items: T[]) => void;
  renderRow: (item: T, index: number, set: (next: T) => void) => ReactNode;
  createItem: () => T;
  addLabel: string;
  /** "Xóa mục tiêu 2": the accessible name of each row's remove button. */
  removeLabel: (index: number) => string;
  testId?: string;
  emptyText?: string;
}

/** A list whose rows can be edited, added and removed. */
export function RowList<T>({
  items,
  onChange,
  renderRow,
  createItem,
  addLabel,
  removeLabel,
  testId,
  emptyText,
}: RowListProps<T>) {
  const { t } = useTranslation();
  return (
    <div className="row-list" data-testid={testId}>
      {items.length === 0 && <p className="row-list__empty">{emptyText ?? t('common.none')}</p>}
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
        <div className="row-list__row" key={index}>
          <div className="row-list__body">
            {renderRow(item, index, (next) => onChange(items.map((x, i) => (i === index ? next : x))))}
          </div>
          <Button
            type="text"
            className="row-remove"
            icon={<DeleteOutlined aria-hidden />}
            aria-label={removeLabel(index)}
            onClick={() => onChange(items.filter((_, i) => i !== index))}
          />
        </div>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined aria-hidden />}
        onClick={() => onChange([...items, createItem()])}
      >
        {addLabel}
      </Button>
    </div>
  );
}
