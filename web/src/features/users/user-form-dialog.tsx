import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRole, TUser } from '../../../../contracts/auth.ts';
import { ApiError } from '../../api/client.ts';
import { createUser, updateUser } from '../../api/users.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { useFeedback } from '../../components/feedback.tsx';
import { UnitSearchSelect } from '../../components/unit-search-select.tsx';
import { ROLES } from '../../lib/domain-lists.ts';
import { placeApiErrorOnField } from '../../lib/form-errors.ts';
import { todayIso } from '../../lib/format.ts';
import { lowerFirst } from '../../lib/text.ts';

export const USERS_QUERY_KEY = ['users'] as const;

interface UserFormValues {
  username: string;
  displayName: string;
  password?: string;
  role: TRole;
  homeUnitId: number;
  active: boolean;
}

const USERNAME_PATTERN = /^[a-z0-9._-]{3,50}$/;
const FIELD_NAMES = ['username', 'displayName', 'password', 'role', 'homeUnitId', 'active'];

function usePasswordRules(required: boolean) {
  const { t } = useTranslation();
  return [
    ...(required
      ? [{ required: true, message: t('common.required', { field: lowerFirst(t('users.password')) }) }]
      : []),
    {
      validator: (_rule: unknown, value: string | undefined) =>
        !value || (value.length >= 10 && /\p{L}/u.test(value) && /\d/.test(value))
          ? Promise.resolve()
          : Promise.reject(new Error(t('users.passwordRule'))),
    },
  ];
}

/** Add a user (no `user`) or change one's name, role, unit, status or password. */
export function UserFormDialog({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const describe = useApiErrorText();
  const [form] = Form.useForm<UserFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const isNew = user === null;
  const passwordRules = usePasswordRules(isNew);

  async function save(): Promise<void> {
    let values: UserFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      if (isNew) {
        await createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password ?? '',
          role: values.role,
          homeUnitId: values.homeUnitId,
        });
      } else {
        await updateUser(user.id, {
          displayName: values.displayName.trim(),
          role: values.role,
          homeUnitId: values.homeUnitId,
          active: values.active,
          password: values.password ? values.password : undefined,
          version: user.version,
        });
      }
      await queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
      void message.success(t('users.saved'));
      onClose();
    } catch (caught) {
      if (placeApiErrorOnField(form, caught, FIELD_NAMES)) return;
      if (caught instanceof ApiError && caught.status === 409) {
        setError(caught.message || t('errors.conflict'));
        await queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
      } else {
        setError(describe(caught));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={isNew ? t('users.addTitle') : t('users.editTitle', { username: user.username })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />}
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={() => void save()}
        initialValues={user ? { ...user, password: undefined } : { role: 'officer' as TRole, active: true }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={isNew ? t('users.usernameHelp') : undefined}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: lowerFirst(t('users.username')) }),
            },
            { pattern: USERNAME_PATTERN, message: t('users.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} disabled={!isNew} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: lowerFirst(t('users.displayName')) }),
            },
            { max: 200, message: t('common.tooLong', { field: t('users.displayName'), max: 200 }) },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={isNew ? t('users.password') : t('users.newPassword')}
          extra={t('users.passwordRule')}
          rules={passwordRules}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[
            { required: true, message: t('common.requiredChoice', { field: lowerFirst(t('users.role')) }) },
          ]}
        >
          <Select options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
        <Form.Item
          name="homeUnitId"
          label={t('users.homeUnit')}
          rules={[
            {
              required: true,
              message: t('common.requiredChoice', { field: lowerFirst(t('users.homeUnit')) }),
            },
          ]}
        >
          <UnitSearchSelect
            date={todayIso()}
            knownUnits={user ? [{ id: user.homeUnitId, name: user.homeUnitName }] : []}
          />
        </Form.Item>
        {!isNew && (
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
