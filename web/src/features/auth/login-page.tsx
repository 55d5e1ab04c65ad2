import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { TLogin } from '../../../../contracts/auth.ts';
import { login } from '../../api/auth.api.ts';
import { ApiError } from '../../api/client.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { DemoDataTag } from '../../components/demo-data-tag.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { ROUTES } from '../../routes.ts';
import { setSession, useSession } from './session.ts';

/** Only same-site paths: `?next=https://evil.example` must not redirect away. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : ROUTES.organisation;
}

function useLoginErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  return (error) => {
    if (error instanceof ApiError && error.status === 401) return t('auth.invalidCredentials');
    if (error instanceof ApiError && error.status === 429) {
      const seconds = error.retryAfterSeconds;
      if (seconds === null) return t('auth.tooManyAttemptsNoTime');
      const wait =
        seconds > 90
          ? t('auth.waitMinutes', { count: Math.ceil(seconds / 60) })
          : t('auth.waitSeconds', { count: seconds });
      return t('auth.tooManyAttempts', { wait });
    }
    return describe(error);
  };
}

function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TLogin>();
  const queryClient = useQueryClient();
  const errorText = useLoginErrorText();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(values: TLogin): Promise<void> {
    setSubmitting(true);
    setError(null);
    try {
      const me = await login({ username: values.username.trim(), password: values.password });
      setSession(queryClient, me);
      onSignedIn();
    } catch (caught) {
      if (caught instanceof ApiError && caught.field && caught.status === 400) {
        form.setFields([{ name: caught.field as keyof TLogin, errors: [caught.message] }]);
      } else {
        setError(errorText(caught));
      }
      setSubmitting(false);
    }
  }

  return (
    <Form<TLogin>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => void submit(v)}
      noValidate
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          className="login-error"
          role="alert"
          data-testid="login-error"
        />
      )}
      <Form.Item
        name="username"
        label={t('auth.username')}
        rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
      >
        <Input
          prefix={<UserOutlined aria-hidden />}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          size="large"
          autoFocus
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('auth.password')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
        {t('auth.submit')}
      </Button>
    </Form>
  );
}

export default function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (session.data) return <Navigate to={next} replace />;

  return (
    <div className="login-page">
      <div className="login-page__top">
        <LanguageSwitch />
      </div>
      <main className="login-page__main">
        <Card className="login-card" variant="outlined">
          <div className="login-card__brand">
            <img src="/favicon.svg" alt="" width={40} height={40} />
            <div>
              <Typography.Title level={1} className="login-card__title">
                {t('app.name')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
            </div>
          </div>
          <DemoDataTag />
          <Typography.Title level={2} className="login-card__heading">
            {t('auth.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
          <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
        </Card>
      </main>
    </div>
  );
}
