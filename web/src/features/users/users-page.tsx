import { EditOutlined, LinkOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TUser } from '../../../../contracts/auth.ts';
import { fetchUsers } from '../../api/users.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { formatNumber, formatTimestamp } from '../../lib/format.ts';
import { canManage, useSession } from '../auth/session.ts';
import { ApiTokensCard } from './api-tokens-card.tsx';
import { INVITATIONS_QUERY_KEY, InvitationsCard } from './invitations-card.tsx';
import { InviteForm } from './invite-form.tsx';
import { USERS_QUERY_KEY, UserFormDialog } from './user-form-dialog.tsx';

function UsersTable({ users, onEdit }: { users: TUser[]; onEdit: (user: TUser) => void }) {
  const { t } = useTranslation();
  return (
    <Table<TUser>
      size="small"
      rowKey="id"
      dataSource={users}
      scroll={{ x: 760 }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        {
          key: 'username',
          title: t('users.username'),
          dataIndex: 'username',
          className: 'nowrap',
          sorter: (a, b) => a.username.localeCompare(b.username),
        },
        { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
        {
          key: 'role',
          title: t('users.role'),
          dataIndex: 'role',
          className: 'nowrap',
          render: (role: TUser['role']) => t(`roles.${role}`),
        },
        { key: 'unit', title: t('users.homeUnit'), dataIndex: 'homeUnitName' },
        {
          key: 'active',
          title: t('users.status'),
          dataIndex: 'active',
          className: 'nowrap',
          render: (active: boolean) =>
            active ? (
              <Tag className="status-tag--active">{t('users.active')}</Tag>
            ) : (
              <Tag>{t('users.inactive')}</Tag>
            ),
        },
        {
          key: 'createdAt',
          title: t('users.createdAt'),
          dataIndex: 'createdAt',
          className: 'nowrap',
          render: (value: string) => formatTimestamp(value).slice(0, 10),
        },
        {
          key: 'actions',
          title: t('common.actions'),
          className: 'nowrap',
          render: (_, user) => (
            <Button
              size="small"
              icon={<EditOutlined aria-hidden />}
              onClick={() => onEdit(user)}
              aria-label={`${t('common.edit')} ${user.username}`}
            >
              {t('common.edit')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/** Administrators and managers list, add and change user accounts. */
export default function UsersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const allowed = canManage(session.data?.user.role);
  const users = useQuery({
    queryKey: USERS_QUERY_KEY,
    queryFn: ({ signal }) => fetchUsers(signal),
    enabled: allowed,
  });
  // Keep the id, not the row: after a 409 the list reloads and the dialog gets the new version.
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [inviting, setInviting] = useState(false);
  const editedUser = typeof editing === 'number' ? users.data?.find((u) => u.id === editing) : undefined;

  useEffect(() => {
    document.title = `${t('users.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  if (!allowed)
    return <Result status="403" title={t('app.forbiddenTitle')} subTitle={t('app.forbiddenText')} />;

  return (
    <div className="users-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('users.pageTitle')}</Typography.Title>
          <PageHelp topic="users" />
        </div>
        <Space wrap>
          <Button icon={<LinkOutlined aria-hidden />} onClick={() => setInviting(true)}>
            {t('invite.open')}
          </Button>
          <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('users.add')}
          </Button>
        </Space>
      </div>
      {users.isError ? (
        <ErrorResult error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Card>
          {users.data && (
            <Typography.Paragraph type="secondary">
              {t('users.count', { count: users.data.length, formatted: formatNumber(users.data.length) })}
            </Typography.Paragraph>
          )}
          <UsersTable users={users.data ?? []} onEdit={(user) => setEditing(user.id)} />
        </Card>
      )}
      <InvitationsCard />
      <ApiTokensCard />
      {inviting && (
        <Modal
          open
          title={t('invite.title')}
          footer={null}
          onCancel={() => {
            setInviting(false);
            void users.refetch();
            void queryClient.invalidateQueries({ queryKey: INVITATIONS_QUERY_KEY });
          }}
          destroyOnHidden
        >
          <InviteForm />
        </Modal>
      )}
      {(editing === 'new' || editedUser) && (
        <UserFormDialog user={editedUser ?? null} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
