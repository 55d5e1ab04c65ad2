import { KeyOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  API_TOKEN_MAX_DAYS,
  API_TOKEN_SCOPES,
  type TApiToken,
  type TApiTokenCreated,
  type TApiTokenScope,
} from '../../../../contracts/api-tokens.ts';
import { createApiToken, fetchApiTokens, revokeApiToken } from '../../api/api-tokens.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { UnitSearchSelect } from '../../components/unit-search-select.tsx';
import { placeApiErrorOnField } from '../../lib/form-errors.ts';
import { formatTimestamp, todayIso } from '../../lib/format.ts';
import { lowerFirst } from '../../lib/text.ts';
import { useSession } from '../auth/session.ts';

export const API_TOKENS_QUERY_KEY = ['api-tokens'] as const;

interface TokenValues {
  name: string;
  unitId: number;
  scopes: TApiTokenScope[];
  expiresInDays: number;
  ratePerMinute: number;
}

/**
 * The scopes as checkboxes. The form marks a required control with `aria-required`, which a group
 * of checkboxes may not carry (axe: aria-allowed-attr): it is dropped here; the label still shows
 * the field is required and an empty choice is named under it.
 */
function ScopesField({
  value,
  onChange,
  id,
  'aria-required': _required,
  ...rest
}: {
  value?: TApiTokenScope[];
  onChange?: (scopes: TApiTokenScope[]) => void;
  id?: string;
  'aria-required'?: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group<TApiTokenScope>
      // The form's `id` (its label's target) and described-by go on the group's element.
      {...({ ...rest, id } as object)}
      value={value}
      onChange={(scopes) => onChange?.(scopes)}
      className="api-token-form__scopes"
      options={API_TOKEN_SCOPES.map((scope) => ({
        value: scope,
        label: (
          <span>
            <Typography.Text code>{scope}</Typography.Text> {t(`apiTokens.scope.${scope.replace(':', '_')}`)}
          </span>
        ),
      }))}
    />
  );
}

/** Make a token: a name, a unit, its scopes, how long and how fast; the secret is shown once. */
function ApiTokenForm({ onCreated }: { onCreated: (created: TApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const me = useSession().data?.user;
  const [form] = Form.useForm<TokenValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(values: TokenValues): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      onCreated(await createApiToken(values));
    } catch (caught) {
      if (!placeApiErrorOnField(form, caught, ['name', 'unitId', 'scopes', 'expiresInDays', 'ratePerMinute']))
        setError(describe(caught));
    } finally {
      setSaving(false);
    }
  }

  if (!me) return null;
  return (
    <div data-testid="api-token-form">
      <Typography.Paragraph type="secondary">{t('apiTokens.formHelp')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />}
      <Form<TokenValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          unitId: me.homeUnitId,
          scopes: ['figures:read'],
          expiresInDays: 90,
          ratePerMinute: 60,
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="name"
          label={t('apiTokens.name')}
          extra={t('apiTokens.nameHelp')}
          rules={[
            { required: true, message: t('common.required', { field: lowerFirst(t('apiTokens.name')) }) },
          ]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('apiTokens.unit')}
          extra={t('apiTokens.unitHelp')}
          rules={[
            {
              required: true,
              message: t('common.requiredChoice', { field: lowerFirst(t('apiTokens.unit')) }),
            },
          ]}
        >
          <UnitSearchSelect date={todayIso()} knownUnits={[{ id: me.homeUnitId, name: me.homeUnitName }]} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('apiTokens.scopes')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('common.requiredChoice', { field: lowerFirst(t('apiTokens.scopes')) }),
            },
          ]}
        >
          <ScopesField />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('apiTokens.expiresInDays')}
          rules={[
            {
              required: true,
              message: t('common.required', { field: lowerFirst(t('apiTokens.expiresInDays')) }),
            },
          ]}
        >
          <InputNumber min={1} max={API_TOKEN_MAX_DAYS} precision={0} />
        </Form.Item>
        <Form.Item
          name="ratePerMinute"
          label={t('apiTokens.ratePerMinute')}
          rules={[
            {
              required: true,
              message: t('common.required', { field: lowerFirst(t('apiTokens.ratePerMinute')) }),
            },
          ]}
        >
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<KeyOutlined aria-hidden />} loading={saving}>
          {t('apiTokens.create')}
        </Button>
      </Form>
    </div>
  );
}

/**
 * API tokens for other systems (DHIS2, the national reporting system): each for a unit's subtree
 * and a set of scopes, until it expires or is revoked. The secret is shown once, when made.
 */
export function ApiTokensCard() {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TApiTokenCreated | null>(null);
  const tokens = useQuery({
    queryKey: API_TOKENS_QUERY_KEY,
    queryFn: ({ signal }) => fetchApiTokens(signal),
  });
  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: API_TOKENS_QUERY_KEY }),
  });
  const close = () => {
    setCreating(false);
    setCreated(null);
  };

  return (
    <Card
      title={t('apiTokens.title')}
      className="api-tokens-card"
      data-testid="api-tokens-card"
      extra={
        <Button icon={<KeyOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('apiTokens.open')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('apiTokens.help')}</Typography.Paragraph>
      {tokens.isError && (
        <Alert type="error" showIcon role="alert" title={describe(tokens.error)} className="form-alert" />
      )}
      {revoke.isError && (
        <Alert type="error" showIcon role="alert" title={describe(revoke.error)} className="form-alert" />
      )}
      <Table<TApiToken>
        size="small"
        rowKey="id"
        loading={tokens.isLoading}
        dataSource={tokens.data ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('apiTokens.empty') }}
        columns={[
          { key: 'name', title: t('apiTokens.name'), dataIndex: 'name' },
          {
            key: 'prefix',
            title: t('apiTokens.prefix'),
            dataIndex: 'prefix',
            className: 'nowrap',
            render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
          },
          { key: 'unit', title: t('apiTokens.unit'), dataIndex: 'unitName' },
          {
            key: 'scopes',
            title: t('apiTokens.scopes'),
            dataIndex: 'scopes',
            render: (scopes: TApiTokenScope[]) => scopes.map((scope) => <Tag key={scope}>{scope}</Tag>),
          },
          {
            key: 'createdBy',
            title: t('apiTokens.createdBy'),
            dataIndex: 'createdBy',
            render: (name: string | null) => name ?? '—',
          },
          {
            key: 'expiresAt',
            title: t('apiTokens.expiresAt'),
            dataIndex: 'expiresAt',
            className: 'nowrap',
            render: (value: string) => formatTimestamp(value),
          },
          {
            key: 'lastUsedAt',
            title: t('apiTokens.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            className: 'nowrap',
            render: (value: string | null) => (value ? formatTimestamp(value) : t('apiTokens.neverUsed')),
          },
          {
            key: 'state',
            title: t('users.status'),
            dataIndex: 'state',
            className: 'nowrap',
            render: (state: TApiToken['state']) => (
              <Tag className={state === 'active' ? 'status-tag--active' : undefined}>
                {t(`apiTokens.state.${state}`)}
              </Tag>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            className: 'nowrap',
            render: (_, row) =>
              row.state === 'revoked' ? null : (
                <Popconfirm
                  title={t('apiTokens.revokeConfirm')}
                  okText={t('apiTokens.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutateAsync(row.id).catch(() => undefined)}
                >
                  <Button
                    size="small"
                    danger
                    icon={<StopOutlined aria-hidden />}
                    loading={revoke.isPending && revoke.variables === row.id}
                    aria-label={`${t('apiTokens.revoke')} ${row.name} (${row.prefix})`}
                  >
                    {t('apiTokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && (
        <Modal open title={t('apiTokens.open')} footer={null} onCancel={close} destroyOnHidden>
          {created ? (
            <div data-testid="api-token-secret">
              <Alert type="warning" showIcon title={t('apiTokens.secretOnce')} className="form-alert" />
              <Typography.Paragraph>
                <Typography.Text
                  code
                  copyable={{ text: created.secret, tooltips: [t('apiTokens.copy'), t('invite.copied')] }}
                >
                  {created.secret}
                </Typography.Text>
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">
                {t('apiTokens.usage', { unit: created.token.unitName })}
              </Typography.Paragraph>
              <Button type="primary" onClick={close}>
                {t('apiTokens.done')}
              </Button>
            </div>
          ) : (
            <ApiTokenForm
              onCreated={(result) => {
                setCreated(result);
                void queryClient.invalidateQueries({ queryKey: API_TOKENS_QUERY_KEY });
              }}
            />
          )}
        </Modal>
      )}
    </Card>
  );
}
