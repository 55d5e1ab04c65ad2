import { AimOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UncertainBadge } from './uncertain-badge.tsx';

interface FieldProps {
  id: string;
  label: string;
  children: ReactNode;
  /** Why the value needs a look (shown as the amber badge), or null. */
  uncertain?: string | null;
  /** Scroll the source to where this value was read. */
  onLocate?: (() => void) | null;
  className?: string;
  /** The field's key in its document (`targets.0.text`), for locating it in the source. */
  fieldKey?: string;
}

/** A labelled input with the reader's doubts beside the label. */
export function Field({ id, label, children, uncertain, onLocate, className, fieldKey }: FieldProps) {
  const { t } = useTranslation();
  return (
    <div className={`fld ${className ?? ''}`} data-field-key={fieldKey}>
      <div className="fld__head">
        <label htmlFor={id} className="fld__label">
          {label}
        </label>
        {uncertain && <UncertainBadge reason={uncertain} />}
        {onLocate && (
          <Button
            type="link"
            size="small"
            className="fld__locate"
            icon={<AimOutlined aria-hidden />}
            onClick={onLocate}
            aria-label={t('review.locateField', { field: label })}
            title={t('review.locate')}
          />
        )}
      </div>
      {children}
    </div>
  );
}
