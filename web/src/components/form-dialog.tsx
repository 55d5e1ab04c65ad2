import { Alert, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormDialogProps {
  title: ReactNode;
  okText: ReactNode;
  /** The save is under way: the OK button spins. */
  saving: boolean;
  /** The last failure, in words for the user (shown above the form, announced). */
  error?: string | null;
  /** A warning rather than an error (e.g. "already stored"), with what it says. */
  notice?: ReactNode;
  onOk: () => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * The dialog of every small form (create, derive, issue, report progress, save as plan): a title,
 * the failure or notice above the form, OK that spins while saving, and no closing by a stray click
 * outside, so nothing typed is lost.
 */
export function FormDialog({
  title,
  okText,
  saving,
  error,
  notice,
  onOk,
  onClose,
  children,
}: FormDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {notice ?? (error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />)}
      {children}
    </Modal>
  );
}
