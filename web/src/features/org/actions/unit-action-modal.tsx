import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrgUnitDetail } from '../../../../../contracts/org.ts';
import { ApiError } from '../../../api/client.ts';
import { useApiErrorText } from '../../../components/api-error-text.ts';
import { useFeedback } from '../../../components/feedback.tsx';
import { placeApiErrorOnField } from '../../../lib/form-errors.ts';

export interface UnitActionModalProps<T> {
  title: string;
  okText?: string;
  danger?: boolean;
  form: FormInstance<T>;
  /** Top-level form field names the server may name in an error. */
  fieldNames: readonly string[];
  initialValues?: Partial<T>;
  onSubmit: (values: T) => Promise<TOrgUnitDetail>;
  onDone: (result: TOrgUnitDetail) => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * One org change in a dialog: validates, sends, puts server errors on their field, and on 409
 * (someone else changed the unit) reloads the unit so a retry carries the new version.
 */
export function UnitActionModal<T>({
  title,
  okText,
  danger,
  form,
  fieldNames,
  initialValues,
  onSubmit,
  onDone,
  onClose,
  children,
}: UnitActionModalProps<T>) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const describe = useApiErrorText();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(): Promise<void> {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const result = await onSubmit(values);
      await queryClient.invalidateQueries({ queryKey: ['org'] });
      void message.success(t('org.actions.done'));
      onDone(result);
    } catch (caught) {
      if (placeApiErrorOnField(form, caught, fieldNames)) return;
      if (caught instanceof ApiError && caught.status === 409) {
        // A stale version: reload the unit so the next try carries the current one.
        setError(caught.message || t('errors.conflict'));
        await queryClient.invalidateQueries({ queryKey: ['org'] });
      } else {
        setError(describe(caught));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: submitting }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />}
      <Form<T>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        requiredMark="optional"
        onFinish={() => void submit()}
      >
        {children}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
