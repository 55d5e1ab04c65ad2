import {
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  SafetyCertificateOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ROSTER_CATEGORIES,
  type TRosterCategory,
  type TRosterPerson,
} from '../../../../contracts/rosters.ts';
import { deleteRosterPerson, exportRoster, fetchRoster } from '../../api/rosters.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { useFeedback } from '../../components/feedback.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { saveBlob } from '../../lib/save-file.ts';
import { activitiesPath } from '../../routes.ts';
import { canManage, useSession } from '../auth/session.ts';
import { RosterImport } from './roster-import.tsx';
import { usePageUnit } from './roster-page-unit.ts';
import { RosterPersonDialog } from './roster-person-dialog.tsx';

export const rosterQueryKey = (unitId: number, category: string | null) =>
  ['rosters', unitId, category] as const;

/** Deletion on request (Decree 13): the reason is kept in the audit, the person and attendance are gone. */
function DeleteDialog({
  person,
  onClose,
  onDone,
}: {
  person: TRosterPerson;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const [reason, setReason] = useState('');
  const remove = useMutation({
    mutationFn: () => deleteRosterPerson(person.id, reason, person.version),
    onSuccess: onDone,
  });
  return (
    <Modal
      open
      title={t('rosters.delete.title', { name: person.fullName })}
      okText={t('rosters.delete.ok')}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 3, loading: remove.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => remove.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('rosters.delete.text')}</Typography.Paragraph>
      {remove.isError && <Alert type="error" showIcon role="alert" title={errorText(remove.error)} />}
      <label htmlFor="roster-delete-reason">{t('rosters.delete.reason')}</label>
      <Input.TextArea
        id="roster-delete-reason"
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

/** A unit's roster: the people its computed indicators count, with the purpose they are kept for. */
export default function RostersPage() {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const role = useSession().data?.user.role;
  const unit = usePageUnit();
  const [category, setCategory] = useState<TRosterCategory | null>(null);
  const [editing, setEditing] = useState<TRosterPerson | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TRosterPerson | null>(null);
  const roster = useQuery({
    queryKey: rosterQueryKey(unit.id, category),
    queryFn: ({ signal }) => fetchRoster(unit.id, { category: category ?? undefined }, signal),
    // every read is audited: read when asked, not on every focus
    refetchOnWindowFocus: false,
  });
  useEffect(() => {
    document.title = `${t('rosters.title')} · ${t('app.name')}`;
  }, [t]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['rosters', unit.id] });
  const unitName = unit.name ?? roster.data?.people[0]?.unitName ?? '';

  return (
    <div className="rosters-page">
      <Typography.Title level={1}>{t('rosters.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{unitName}</Typography.Paragraph>
      {roster.data && (
        <Alert
          type="info"
          showIcon
          icon={<SafetyCertificateOutlined aria-hidden />}
          title={t('rosters.purposeTitle')}
          description={roster.data.purpose}
          className="form-alert"
        />
      )}
      <Card>
        <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Select<TRosterCategory | 'all'>
              aria-label={t('rosters.category')}
              value={category ?? 'all'}
              style={{ minWidth: 220 }}
              onChange={(value) => setCategory(value === 'all' ? null : value)}
              options={[
                { value: 'all', label: t('rosters.allCategories') },
                ...ROSTER_CATEGORIES.map((c) => ({ value: c, label: t(`rosters.categories.${c}`) })),
              ]}
            />
            <Link to={activitiesPath(unit.id)}>{t('activities.title')}</Link>
          </Space>
          <Space wrap>
            <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setEditing('new')}>
              {t('rosters.add')}
            </Button>
            {canManage(role) && (
              <Button
                icon={<FileExcelOutlined aria-hidden />}
                onClick={() =>
                  void exportRoster(unit.id).then(
                    ({ blob, fileName }) => saveBlob(blob, fileName),
                    (e) => feedback.message.error(errorText(e)),
                  )
                }
              >
                {t('rosters.export')}
              </Button>
            )}
          </Space>
        </Flex>
        <RosterImport unitId={unit.id} onApplied={refresh} />
        {roster.isError ? (
          <ErrorResult error={roster.error} onRetry={() => void roster.refetch()} />
        ) : (
          <Table<TRosterPerson>
            size="small"
            rowKey="id"
            loading={roster.isPending}
            dataSource={roster.data?.people ?? []}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            style={{ marginTop: 12 }}
            columns={[
              { key: 'name', title: t('rosters.fullName'), dataIndex: 'fullName' },
              {
                key: 'category',
                title: t('rosters.category'),
                dataIndex: 'category',
                render: (c: TRosterCategory) => <Tag>{t(`rosters.categories.${c}`)}</Tag>,
              },
              {
                key: 'sex',
                title: t('rosters.sex'),
                dataIndex: 'sex',
                render: (s: string) => (s === 'female' ? t('rosters.female') : t('rosters.male')),
              },
              { key: 'birthYear', title: t('rosters.birthYear'), dataIndex: 'birthYear' },
              { key: 'position', title: t('rosters.position'), dataIndex: 'position' },
              {
                key: 'span',
                title: t('rosters.span'),
                className: 'nowrap',
                render: (_, p) =>
                  `${formatIsoDate(p.validFrom)} – ${p.validTo ? formatIsoDate(p.validTo) : t('common.present')}`,
              },
              {
                key: 'actions',
                title: t('common.actions'),
                className: 'nowrap',
                render: (_, p) => (
                  <Space>
                    <Button
                      size="small"
                      icon={<EditOutlined aria-hidden />}
                      onClick={() => setEditing(p)}
                      aria-label={`${t('common.edit')} ${p.fullName}`}
                    >
                      {t('common.edit')}
                    </Button>
                    {canManage(role) && (
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        onClick={() => setDeleting(p)}
                        aria-label={`${t('rosters.delete.ok')} ${p.fullName}`}
                      >
                        {t('rosters.delete.ok')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {editing && (
        <RosterPersonDialog
          unitId={unit.id}
          person={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          person={deleting}
          onClose={() => setDeleting(null)}
          onDone={() => {
            setDeleting(null);
            feedback.message.success(t('rosters.delete.done'));
            refresh();
          }}
        />
      )}
    </div>
  );
}
