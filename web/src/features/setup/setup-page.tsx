import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import type { TSetup } from '../../../../contracts/setup.ts';
import { fetchSetupStatus, runSetup } from '../../api/setup.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { PageSpinner } from '../../components/page-spinner.tsx';
import { WelcomeCard } from '../../components/welcome-card.tsx';
import { placeApiErrorOnField } from '../../lib/form-errors.ts';
import { lowerFirst } from '../../lib/text.ts';
import { ROUTES } from '../../routes.ts';
import { setSession } from '../auth/session.ts';
import { ImportOrgDialog } from '../org/import-org-dialog.tsx';
import { InviteForm } from '../users/invite-form.tsx';
import { AccountFields } from './account-fields.tsx';

export const SETUP_QUERY_KEY = ['setup'] as const;

interface AdminValues {
  displayName: string;
  username: string;
  password: string;
  confirm: string;
}

type StartChoice = 'reference' | 'import' | 'demo';

interface OrganisationValues {
  organisationName: string;
  start: StartChoice;
}

function AdminStep({
  initial,
  onNext,
}: {
  initial: AdminValues | null;
  onNext: (values: AdminValues) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AdminValues>();
  const password = Form.useWatch('password', form);
  return (
    <Form<AdminValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={initial ?? undefined}
      onFinish={onNext}
    >
      <Typography.Paragraph type="secondary">{t('setup.adminHelp')}</Typography.Paragraph>
      <AccountFields password={password} />
      <Form.Item
        name="confirm"
        label={t('setup.confirmPassword')}
        dependencies={['password']}
        rules={[
          {
            required: true,
            message: t('common.required', { field: lowerFirst(t('setup.confirmPassword')) }),
          },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('password')
                ? Promise.resolve()
                : Promise.reject(new Error(t('setup.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('setup.next')}
      </Button>
    </Form>
  );
}

function OrganisationStep({
  admin,
  onBack,
  onDone,
}: {
  admin: AdminValues;
  onBack: () => void;
  onDone: (start: StartChoice) => void;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrganisationValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(values: OrganisationValues): Promise<void> {
    setSaving(true);
    setError(null);
    const body: TSetup = {
      organisationName: values.organisationName.trim(),
      start: values.start === 'import' ? 'empty' : values.start,
      admin: {
        displayName: admin.displayName.trim(),
        username: admin.username.trim(),
        password: admin.password,
      },
    };
    try {
      const me = await runSetup(body);
      setSession(queryClient, me);
      await queryClient.invalidateQueries({ queryKey: ['meta'] });
      queryClient.setQueryData(SETUP_QUERY_KEY, { needsSetup: false, demo: values.start === 'demo' });
      onDone(values.start);
    } catch (caught) {
      if (!placeApiErrorOnField(form, caught, ['organisationName'])) setError(describe(caught));
      setSaving(false);
    }
  }

  return (
    <Form<OrganisationValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={{ organisationName: 'Tổng Liên đoàn Lao động Việt Nam', start: 'reference' }}
      onFinish={(values) => void submit(values)}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />}
      <Form.Item
        name="organisationName"
        label={t('setup.organisationName')}
        extra={t('setup.organisationHelp')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: lowerFirst(t('setup.organisationName')) }),
          },
          { min: 2, message: t('setup.organisationTooShort') },
          { max: 300, message: t('common.tooLong', { field: t('setup.organisationName'), max: 300 }) },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="start" label={t('setup.startLabel')}>
        <Radio.Group className="setup-start">
          <Space orientation="vertical">
            {(['reference', 'import', 'demo'] as const).map((choice) => (
              <Radio key={choice} value={choice}>
                <strong>{t(`setup.start.${choice}`)}</strong>
                <div className="setup-start__help">{t(`setup.start.${choice}Help`)}</div>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Space>
        <Button onClick={onBack} disabled={saving}>
          {t('setup.back')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('setup.create')}
        </Button>
      </Space>
      {saving && form.getFieldValue('start') === 'demo' && (
        <Typography.Paragraph type="secondary" className="setup-wait">
          {t('setup.demoWait')}
        </Typography.Paragraph>
      )}
    </Form>
  );
}

function ImportStep({ onNext }: { onNext: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Typography.Paragraph>{t('setup.importHelp')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('org.import.help')}</Typography.Paragraph>
      <Space>
        <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
          {t('setup.importOpen')}
        </Button>
        <Button type="primary" onClick={onNext}>
          {t('setup.next')}
        </Button>
      </Space>
      {open && <ImportOrgDialog onClose={() => setOpen(false)} />}
    </div>
  );
}

/**
 * First run, shown instead of sign-in while the workspace has no account: the first administrator,
 * the organisation and how to start (the 34 provincial federations, an imported tree, or the demo),
 * then invitation links for the first colleagues.
 */
export default function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useQuery({
    queryKey: SETUP_QUERY_KEY,
    queryFn: ({ signal }) => fetchSetupStatus(signal),
    staleTime: 0,
  });
  const [step, setStep] = useState(0);
  const [admin, setAdmin] = useState<AdminValues | null>(null);

  useEffect(() => {
    document.title = `${t('setup.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  if (status.isPending) return <PageSpinner />;
  // Done already (and not in the middle of this wizard): sign-in is the way in.
  if (step === 0 && status.data && !status.data.needsSetup) return <Navigate to={ROUTES.login} replace />;

  const steps = [
    { title: t('setup.steps.admin') },
    { title: t('setup.steps.organisation') },
    { title: t('setup.steps.units') },
    { title: t('setup.steps.invite') },
  ];

  return (
    <WelcomeCard
      title={t('setup.title')}
      subtitle={t('setup.subtitle')}
      className="setup-card"
      testId="setup-wizard"
    >
      <Steps size="small" current={step} items={steps} className="setup-steps" responsive={false} />
      <h2 className="setup-card__step">{steps[step]?.title}</h2>
      {step === 0 && (
        <AdminStep
          initial={admin}
          onNext={(values) => {
            setAdmin(values);
            setStep(1);
          }}
        />
      )}
      {step === 1 && admin && (
        <OrganisationStep
          admin={admin}
          onBack={() => setStep(0)}
          onDone={(start) => setStep(start === 'import' ? 2 : 3)}
        />
      )}
      {step === 2 && <ImportStep onNext={() => setStep(3)} />}
      {step === 3 && (
        <div>
          <Alert type="success" showIcon title={t('setup.ready')} className="form-alert" />
          <InviteForm />
          <Button type="primary" className="setup-finish" onClick={() => navigate('/', { replace: true })}>
            {t('setup.finish')}
          </Button>
        </div>
      )}
    </WelcomeCard>
  );
}
