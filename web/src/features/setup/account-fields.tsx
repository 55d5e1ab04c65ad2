import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { lowerFirst } from '../../lib/text.ts';
import { PasswordRules, passwordValid } from './password-rules.tsx';

/** Lower-case letters, digits, dot, dash and underscore; the server's rule too. */
const USERNAME_PATTERN = /^[a-z0-9._-]{3,50}$/;

/**
 * Full name, user name and password of a new account (the first administrator, an invited user),
 * with the password rules ticked as the password is typed.
 */
export function AccountFields({ password }: { password: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: lowerFirst(t('users.displayName')) }),
          },
        ]}
      >
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="username"
        label={t('users.username')}
        extra={t('users.usernameHelp')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: lowerFirst(t('users.username')) }),
          },
          { pattern: USERNAME_PATTERN, message: t('users.usernameInvalid') },
        ]}
      >
        <Input autoComplete="username" autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('users.password')}
        extra={<PasswordRules password={password} />}
        rules={[
          { required: true, message: t('common.required', { field: lowerFirst(t('users.password')) }) },
          {
            validator: (_rule, value: string | undefined) =>
              !value || passwordValid(value)
                ? Promise.resolve()
                : Promise.reject(new Error(t('users.passwordRule'))),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
