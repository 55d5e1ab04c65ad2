import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Result } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { acceptInvitation, fetchInvitation } from '../../api/setup.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { PageSpinner } from '../../components/page-spinner.tsx';
import { WelcomeCard } from '../../components/welcome-card.tsx';
import { placeApiErrorOnField } from '../../lib/form-errors.ts';
import { formatTimestamp } from '../../lib/format.ts';
import { ROUTES } from '../../routes.ts';
import { setSession } from '../auth/session.ts';
import { AccountFields } from './account-fields.tsx';

interface AcceptValues {
  displayName: string;
  username: string;
  password: string;
}

/** The page an invitation link opens: who invited, for which role and unit, until when; then one's own account. */
export default function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const describe = useApiErrorText();
  const [form] = Form.useForm<AcceptValues>();
  const password = Form.useWatch('password', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const offer = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => fetchInvitation(token, signal),
    retry: false,
  });

  useEffect(() => {
    document.title = `${t('invitation.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  async function submit(values: AcceptValues): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      const me = await acceptInvitation(token, {
        displayName: values.displayName.trim(),
        username: values.username.trim(),
        password: values.password,
      });
      setSession(queryClient, me);
      navigate('/', { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) setError(t('invitation.gone'));
      else if (!placeApiErrorOnField(form, caught, ['displayName', 'username', 'password']))
        setError(describe(caught));
      setSaving(false);
    }
  }

  let body: React.ReactNode;
  if (offer.isPending) body = <PageSpinner />;
  else if (offer.isError)
    body = (
      <Result
        status="warning"
        title={
          offer.error instanceof ApiError && offer.error.status === 404
            ? t('invitation.invalidTitle')
            : describe(offer.error)
        }
        subTitle={t('invitation.invalidText')}
        extra={<Link to={ROUTES.login}>{t('invitation.toLogin')}</Link>}
      />
    );
  else
    body = (
      <>
        <Descriptions
          column={1}
          size="small"
          bordered
          className="invitation-offer"
          items={[
            {
              key: 'by',
              label: t('invitation.invitedBy'),
              children: offer.data.invitedBy ?? t('common.none'),
            },
            { key: 'role', label: t('users.role'), children: t(`roles.${offer.data.role}`) },
            { key: 'unit', label: t('users.homeUnit'), children: offer.data.unitName },
            {
              key: 'expires',
              label: t('invitation.expires'),
              children: formatTimestamp(offer.data.expiresAt),
            },
          ]}
        />
        {error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />}
        <Form<AcceptValues>
          form={form}
          layout="vertical"
          requiredMark="optional"
          onFinish={(v) => void submit(v)}
        >
          <AccountFields password={password} />
          <Button type="primary" htmlType="submit" block loading={saving}>
            {t('invitation.accept')}
          </Button>
        </Form>
      </>
    );

  return (
    <WelcomeCard
      title={t('invitation.title')}
      subtitle={t('invitation.subtitle')}
      className="setup-card"
      testId="invitation-page"
    >
      {body}
    </WelcomeCard>
  );
}
