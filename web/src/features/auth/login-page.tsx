import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { login } from '../../api/auth.api.ts';
import { ApiError } from '../../api/client.ts';
import { fetchSetupStatus } from '../../api/setup.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { DemoDataTag } from '../../components/demo-data-tag.tsx';
import { WelcomeCard } from '../../components/welcome-card.tsx';
import { ROUTES } from '../../routes.ts';
import { setSession, useSession } from './session.ts';

/**
 * Only same-site paths: `?next=https://evil.example` must not redirect away. Without one, the home
 * redirect sends each role to its natural first screen.
 */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
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

type LoginField = 'username' | 'password';

/** A labelled input with its error below, linked by aria-describedby. */
function LoginField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="login-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
      {error && (
        <div id={`${id}-error`} className="login-field__error" data-testid={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

/**
 * The sign-in form is plain React state rather than antd Form: this route is the first thing every
 * user downloads, often on a phone, and antd Form with its validator is a large part of the bundle.
 */
function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useLoginErrorText();
  const idPrefix = useId();
  const usernameId = `${idPrefix}username`;
  const passwordId = `${idPrefix}password`;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<LoginField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const missing: Partial<Record<LoginField, string>> = {};
    if (!username.trim()) missing.username = t('auth.usernameRequired');
    if (!password) missing.password = t('auth.passwordRequired');
    setFieldErrors(missing);
    setError(null);
    if (missing.username || missing.password) {
      document.getElementById(missing.username ? usernameId : passwordId)?.focus();
      return;
    }
    setSubmitting(true);
    try {
      const me = await login({ username: username.trim(), password });
      setSession(queryClient, me);
      onSignedIn();
    } catch (caught) {
      if (
        caught instanceof ApiError &&
        caught.status === 400 &&
        (caught.field === 'username' || caught.field === 'password')
      ) {
        setFieldErrors({ [caught.field]: caught.message });
      } else {
        setError(errorText(caught));
      }
      setSubmitting(false);
    }
  }

  const describedBy = (field: LoginField, id: string) => (fieldErrors[field] ? `${id}-error` : undefined);

  return (
    <form className="login-form" onSubmit={(event) => void submit(event)} noValidate>
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
      <LoginField id={usernameId} label={t('auth.username')} error={fieldErrors.username}>
        <Input
          id={usernameId}
          name="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          prefix={<UserOutlined aria-hidden />}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          size="large"
          status={fieldErrors.username ? 'error' : undefined}
          aria-invalid={fieldErrors.username ? true : undefined}
          aria-describedby={describedBy('username', usernameId)}
          aria-required
          autoFocus
        />
      </LoginField>
      <LoginField id={passwordId} label={t('auth.password')} error={fieldErrors.password}>
        <Input.Password
          id={passwordId}
          name="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          prefix={<LockOutlined aria-hidden />}
          autoComplete="current-password"
          size="large"
          status={fieldErrors.password ? 'error' : undefined}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={describedBy('password', passwordId)}
          aria-required
        />
      </LoginField>
      <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
        {t('auth.submit')}
      </Button>
    </form>
  );
}

export default function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  // A workspace without any account opens on the first-run wizard instead.
  const setup = useQuery({
    queryKey: ['setup'],
    queryFn: ({ signal }) => fetchSetupStatus(signal),
    enabled: !session.data,
    staleTime: 60_000,
    retry: false,
  });

  if (session.data) return <Navigate to={next} replace />;
  if (setup.data?.needsSetup) return <Navigate to={ROUTES.setup} replace />;

  return (
    <WelcomeCard title={t('auth.title')} subtitle={t('auth.subtitle')} aboveHeading={<DemoDataTag />}>
      {signedOut && <Alert type="success" showIcon title={t('auth.signedOut')} className="login-error" />}
      <LoginForm onSignedIn={() => navigate(next, { replace: true })} />
    </WelcomeCard>
  );
}
