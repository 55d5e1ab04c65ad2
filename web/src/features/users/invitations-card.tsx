import { StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TInvitation } from '../../../../contracts/setup.ts';
import { fetchInvitations, revokeInvitation } from '../../api/setup.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { formatTimestamp } from '../../lib/format.ts';

export const INVITATIONS_QUERY_KEY = ['invitations'] as const;

const STATE_CLASS: Record<TInvitation['state'], string | undefined> = {
  open: 'status-tag--active',
  accepted: undefined,
  expired: undefined,
  revoked: undefined,
};

/**
 * The invitations a manager has sent, or that were sent into their units: who, for which role and
 * unit, until when, and whether the link was used. An open one can be revoked: its link no longer
 * opens. A deactivated inviter's open invitations show as revoked.
 */
export function InvitationsCard() {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: INVITATIONS_QUERY_KEY,
    queryFn: ({ signal }) => fetchInvitations(signal),
  });
  const revoke = useMutation({
    mutationFn: revokeInvitation,
    onSettled: () => queryClient.invalidateQueries({ queryKey: INVITATIONS_QUERY_KEY }),
  });

  return (
    <Card title={t('invitations.title')} className="invitations-card" data-testid="invitations-card">
      <Typography.Paragraph type="secondary">{t('invitations.help')}</Typography.Paragraph>
      {invitations.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={describe(invitations.error)}
          className="form-alert"
        />
      )}
      {revoke.isError && (
        <Alert type="error" showIcon role="alert" title={describe(revoke.error)} className="form-alert" />
      )}
      <Table<TInvitation>
        size="small"
        rowKey="id"
        loading={invitations.isLoading}
        dataSource={invitations.data ?? []}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('invitations.empty') }}
        columns={[
          {
            key: 'role',
            title: t('users.role'),
            dataIndex: 'role',
            className: 'nowrap',
            render: (role: TInvitation['role']) => t(`roles.${role}`),
          },
          { key: 'unit', title: t('users.homeUnit'), dataIndex: 'homeUnitName' },
          {
            key: 'invitedBy',
            title: t('invitation.invitedBy'),
            dataIndex: 'invitedBy',
            render: (name: string | null) => name ?? '—',
          },
          {
            key: 'createdAt',
            title: t('invitations.createdAt'),
            dataIndex: 'createdAt',
            className: 'nowrap',
            render: (value: string) => formatTimestamp(value),
          },
          {
            key: 'expiresAt',
            title: t('invitation.expires'),
            dataIndex: 'expiresAt',
            className: 'nowrap',
            render: (value: string) => formatTimestamp(value),
          },
          {
            key: 'state',
            title: t('users.status'),
            dataIndex: 'state',
            className: 'nowrap',
            render: (state: TInvitation['state'], row) => (
              <Tag className={STATE_CLASS[state]}>
                {state === 'accepted' && row.acceptedUsername
                  ? t('invitations.acceptedBy', { username: row.acceptedUsername })
                  : t(`invitations.state.${state}`)}
              </Tag>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            className: 'nowrap',
            render: (_, row) =>
              row.state === 'open' ? (
                <Popconfirm
                  title={t('invitations.revokeConfirm')}
                  okText={t('invitations.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutateAsync(row.id).catch(() => undefined)}
                >
                  <Button
                    size="small"
                    danger
                    icon={<StopOutlined aria-hidden />}
                    loading={revoke.isPending && revoke.variables === row.id}
                    aria-label={`${t('invitations.revoke')} ${t(`roles.${row.role}`)} · ${row.homeUnitName}`}
                  >
                    {t('invitations.revoke')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
