import { Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../api/auth.api.ts';
import { PasswordRules, passwordValid } from '../features/setup/password-rules.tsx';
import { placeApiErrorOnField } from '../lib/form-errors.ts';
import { lowerFirst } from '../lib/text.ts';
import { useApiErrorText } from './api-error-text.ts';
import { useFeedback } from './feedback.tsx';
import { FormDialog } from './form-dialog.tsx';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELD_NAMES = ['currentPassword', 'newPassword'];

/**
 * "Đổi mật khẩu": the current password, the new one (its rules ticked as it is typed) twice. The
 * server signs the account out everywhere else; this session stays.
 */
export default function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const describe = useApiErrorText();
  const [form] = Form.useForm<PasswordValues>();
  const newPassword = Form.useWatch('newPassword', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(): Promise<void> {
    let values: PasswordValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(t('account.passwordChanged'));
      onClose();
    } catch (caught) {
      if (!placeApiErrorOnField(form, caught, FIELD_NAMES)) setError(describe(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormDialog
      title={t('account.changePassword')}
      okText={t('account.changePasswordSubmit')}
      saving={saving}
      error={error}
      onOk={() => void save()}
      onClose={onClose}
    >
      <p>{t('account.changePasswordHelp')}</p>
      <Form<PasswordValues> form={form} layout="vertical" onFinish={() => void save()}>
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[
            {
              required: true,
              message: t('common.required', { field: lowerFirst(t('account.currentPassword')) }),
            },
          ]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          extra={<PasswordRules password={newPassword} />}
          rules={[
            {
              required: true,
              message: t('common.required', { field: lowerFirst(t('account.newPassword')) }),
            },
            {
              validator: (_rule: unknown, value: string | undefined) =>
                !value || passwordValid(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('users.passwordRule'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            {
              required: true,
              message: t('common.required', { field: lowerFirst(t('account.confirmPassword')) }),
            },
            ({ getFieldValue }) => ({
              validator: (_rule: unknown, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
