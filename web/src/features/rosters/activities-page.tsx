import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TActivity } from '../../../../contracts/rosters.ts';
import { deleteActivity, fetchActivities } from '../../api/rosters.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { useFeedback } from '../../components/feedback.tsx';
import { formatIsoDate, formatNumber } from '../../lib/format.ts';
import { rostersPath } from '../../routes.ts';
import { hasRole, useSession } from '../auth/session.ts';
import { ActivityDialog } from './activity-dialog.tsx';
import { usePageUnit } from './roster-page-unit.ts';

/** A unit's activities (trainings, communication sessions, care for members' children), newest first. */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const role = useSession().data?.user.role;
  const canWrite = hasRole(role, 'officer');
  const unit = usePageUnit();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['activities', unit.id],
    queryFn: ({ signal }) => fetchActivities(unit.id, signal),
  });
  useEffect(() => {
    document.title = `${t('activities.title')} · ${t('app.name')}`;
  }, [t]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['activities'] });
  const remove = (a: TActivity) =>
    feedback.modal.confirm({
      title: t('activities.deleteConfirm', { title: a.title }),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        deleteActivity(a.id, a.version).then(refresh, (e) => {
          feedback.message.error(errorText(e));
        }),
    });

  return (
    <div className="activities-page">
      <Typography.Title level={1}>{t('activities.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {unit.name ?? list.data?.[0]?.unitName ?? ''}
      </Typography.Paragraph>
      <Card>
        <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
          <Link to={rostersPath(unit.id)}>{t('rosters.title')}</Link>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              {t('activities.add')}
            </Button>
          )}
        </Flex>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<TActivity>
            size="small"
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data ?? []}
            scroll={{ x: 760 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              {
                key: 'heldOn',
                title: t('activities.heldOn'),
                dataIndex: 'heldOn',
                className: 'nowrap',
                render: formatIsoDate,
              },
              {
                key: 'kind',
                title: t('activities.kind'),
                dataIndex: 'kind',
                render: (k: string) => <Tag>{t(`activities.kinds.${k}`)}</Tag>,
              },
              { key: 'title', title: t('activities.titleField'), dataIndex: 'title' },
              {
                key: 'attendees',
                title: t('activities.attendees'),
                dataIndex: 'attendeeCount',
                render: (n: number) => formatNumber(n),
              },
              {
                key: 'public',
                title: t('activities.public'),
                render: (_, a) =>
                  Object.entries(a.publicCounts)
                    .map(([k, n]) => `${t(`activities.publicKinds.${k}`)}: ${formatNumber(n ?? 0)}`)
                    .join('; ') || t('common.none'),
              },
              ...(canWrite
                ? [
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      className: 'nowrap',
                      render: (_: unknown, a: TActivity) => (
                        <Space>
                          <Button
                            size="small"
                            icon={<EditOutlined aria-hidden />}
                            onClick={() => setEditing(a.id)}
                            aria-label={`${t('common.edit')} ${a.title}`}
                          >
                            {t('common.edit')}
                          </Button>
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined aria-hidden />}
                            onClick={() => remove(a)}
                            aria-label={`${t('common.remove')} ${a.title}`}
                          >
                            {t('common.remove')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing !== null && (
        <ActivityDialog
          unitId={unit.id}
          activityId={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}
