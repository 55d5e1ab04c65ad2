import { LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Form, InputNumber, List, Select, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRole } from '../../../../contracts/auth.ts';
import { createInvitation, type TInvitationLink } from '../../api/setup.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { UnitSearchSelect } from '../../components/unit-search-select.tsx';
import { ROLES } from '../../lib/domain-lists.ts';
import { placeApiErrorOnField } from '../../lib/form-errors.ts';
import { formatTimestamp, todayIso } from '../../lib/format.ts';
import { lowerFirst } from '../../lib/text.ts';
import { useSession } from '../auth/session.ts';

interface InviteValues {
  role: TRole;
  homeUnitId: number;
  expiresInDays: number;
}

interface CreatedInvitation extends TInvitationLink {
  role: TRole;
  unitName: string;
}

/**
 * Invite a person: a role (not above one's own) and a unit give a link with an expiry, to send by
 * Zalo or e-mail; the person chooses their own name, username and password when opening it.
 */
export function InviteForm() {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const session = useSession();
  const me = session.data?.user;
  const [form] = Form.useForm<InviteValues>();
  const [units, setUnits] = useState<Map<number, string>>(() => new Map());
  const [created, setCreated] = useState<CreatedInvitation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Stable: the unit search calls it from an effect that depends on it.
  const rememberUnits = useCallback((seen: { id: number; name: string }[]) => {
    setUnits((current) => {
      const next = new Map(current);
      for (const unit of seen) next.set(unit.id, unit.name);
      return next;
    });
  }, []);
  const allowedRoles = me ? ROLES.slice(0, ROLES.indexOf(me.role) + 1) : [];

  async function submit(values: InviteValues): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      const link = await createInvitation(values);
      const unitName =
        units.get(values.homeUnitId) ?? (values.homeUnitId === me?.homeUnitId ? me.homeUnitName : '');
      setCreated((list) => [{ ...link, role: values.role, unitName }, ...list]);
    } catch (caught) {
      if (!placeApiErrorOnField(form, caught, ['role', 'homeUnitId', 'expiresInDays']))
        setError(describe(caught));
    } finally {
      setSaving(false);
    }
  }

  if (!me) return null;
  return (
    <div className="invite-form" data-testid="invite-form">
      <Typography.Paragraph type="secondary">{t('invite.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />}
      <Form<InviteValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ role: 'officer', homeUnitId: me.homeUnitId, expiresInDays: 7 }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[
            { required: true, message: t('common.requiredChoice', { field: lowerFirst(t('users.role')) }) },
          ]}
        >
          <Select options={allowedRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
        <Form.Item
          name="homeUnitId"
          label={t('users.homeUnit')}
          extra={t('invite.unitHelp')}
          rules={[
            {
              required: true,
              message: t('common.requiredChoice', { field: lowerFirst(t('users.homeUnit')) }),
            },
          ]}
        >
          <UnitSearchSelect
            date={todayIso()}
            knownUnits={[{ id: me.homeUnitId, name: me.homeUnitName }]}
            onUnitsSeen={rememberUnits}
          />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('invite.expiresInDays')}
          rules={[
            {
              required: true,
              message: t('common.required', { field: lowerFirst(t('invite.expiresInDays')) }),
            },
          ]}
        >
          <InputNumber min={1} max={30} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<LinkOutlined aria-hidden />} loading={saving}>
          {t('invite.create')}
        </Button>
      </Form>
      {created.length > 0 && (
        <List
          className="invite-form__links"
          header={<Typography.Text strong>{t('invite.linksTitle')}</Typography.Text>}
          dataSource={created}
          renderItem={(item) => {
            const full = `${window.location.origin}${item.url}`;
            return (
              <List.Item data-testid="invitation-link">
                <div>
                  <Typography.Text
                    copyable={{ text: full, tooltips: [t('invite.copy'), t('invite.copied')] }}
                    code
                  >
                    {full}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {t('invite.linkFor', { role: t(`roles.${item.role}`), unit: item.unitName })}{' '}
                      {t('invite.expiresAt', { at: formatTimestamp(item.expiresAt) })}
                    </Typography.Text>
                  </div>
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}
