import { DownloadOutlined, FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Result, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry, TAuditFilter } from '../../../../contracts/audit.ts';
import { auditChanges } from '../../../../domain/audit-diff.ts';
import { auditXlsxUrl, fetchAuditPage } from '../../api/audit.api.ts';
import { fetchUsers } from '../../api/users.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { formatTimestamp } from '../../lib/format.ts';
import { foldedSelectSearch } from '../../lib/text.ts';
import { useSession } from '../auth/session.ts';

const PAGE_SIZE = 50;

interface FilterForm {
  objectType: string;
  objectId: string;
  userId: number | null;
  action: string;
  from: string | null;
  to: string | null;
}

const EMPTY: FilterForm = { objectType: '', objectId: '', userId: null, action: '', from: null, to: null };

function toFilter(form: FilterForm): TAuditFilter {
  return {
    objectType: form.objectType.trim() || undefined,
    objectId: form.objectId.trim() || undefined,
    userId: form.userId ?? undefined,
    action: form.action.trim() || undefined,
    from: form.from ?? undefined,
    to: form.to ?? undefined,
  };
}

/** Before and after of one entry as a table of changed fields. */
function ChangesTable({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  const changes = auditChanges(entry.before, entry.after);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <table className="audit-diff">
      <caption className="visually-hidden">{t('audit.changesOf', { id: entry.id })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path}>
            <th scope="row">
              <code>{c.path}</code>
            </th>
            <td className="audit-diff__before">{c.before ?? '—'}</td>
            <td className="audit-diff__after">{c.after ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Administrators browse the audit trail by object, user, action and days, and export it to Excel. */
export default function AuditPage() {
  const { t } = useTranslation();
  const session = useSession();
  const allowed = session.data?.user.role === 'admin';
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<TAuditFilter>({});
  // Keyset paging: the `beforeId` of each page seen, so "previous" goes back exactly.
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    document.title = `${t('audit.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  const users = useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => fetchUsers(signal),
    enabled: allowed,
  });
  const page = useQuery({
    queryKey: ['audit', applied, cursor],
    queryFn: ({ signal }) => fetchAuditPage(applied, cursor, PAGE_SIZE, signal),
    enabled: allowed,
    placeholderData: keepPreviousData,
  });

  if (!allowed)
    return <Result status="403" title={t('app.forbiddenTitle')} subTitle={t('app.forbiddenText')} />;

  const apply = () => {
    setApplied(toFilter(form));
    setCursors([null]);
  };
  const set =
    <K extends keyof FilterForm>(key: K) =>
    (value: FilterForm[K]) =>
      setForm({ ...form, [key]: value });

  return (
    <div className="audit-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('audit.pageTitle')}</Typography.Title>
          <PageHelp topic="audit" />
        </div>
        <Button icon={<DownloadOutlined aria-hidden />} href={auditXlsxUrl(applied)} download>
          {t('audit.export')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Card>
        <Form layout="vertical" onFinish={apply} className="audit-filters">
          <Space wrap align="end">
            <Form.Item label={t('audit.objectType')} htmlFor="audit-object-type">
              <Input
                id="audit-object-type"
                value={form.objectType}
                placeholder="report"
                onChange={(e) => set('objectType')(e.target.value)}
              />
            </Form.Item>
            <Form.Item label={t('audit.objectId')} htmlFor="audit-object-id">
              <Input
                id="audit-object-id"
                value={form.objectId}
                onChange={(e) => set('objectId')(e.target.value)}
              />
            </Form.Item>
            <Form.Item label={t('audit.user')} htmlFor="audit-user">
              <Select<number>
                id="audit-user"
                allowClear
                showSearch={foldedSelectSearch}
                style={{ minWidth: 220 }}
                value={form.userId ?? undefined}
                onChange={(value) => set('userId')(value ?? null)}
                options={(users.data ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.displayName} (${u.username})`,
                }))}
                placeholder={t('audit.anyUser')}
              />
            </Form.Item>
            <Form.Item label={t('audit.action')} htmlFor="audit-action">
              <Input
                id="audit-action"
                value={form.action}
                placeholder="report.approve"
                onChange={(e) => set('action')(e.target.value)}
              />
            </Form.Item>
            <Form.Item label={t('audit.from')} htmlFor="audit-from">
              <IsoDateInput id="audit-from" value={form.from} onChange={set('from')} />
            </Form.Item>
            <Form.Item label={t('audit.to')} htmlFor="audit-to">
              <IsoDateInput id="audit-to" value={form.to} onChange={set('to')} />
            </Form.Item>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" icon={<FilterOutlined aria-hidden />}>
                  {t('audit.apply')}
                </Button>
                <Button
                  onClick={() => {
                    setForm(EMPTY);
                    setApplied({});
                    setCursors([null]);
                  }}
                >
                  {t('audit.clear')}
                </Button>
              </Space>
            </Form.Item>
          </Space>
        </Form>
      </Card>
      <Card className="audit-results">
        {page.isError ? (
          <ErrorResult error={page.error} onRetry={() => void page.refetch()} />
        ) : (
          <>
            <Table<TAuditEntry>
              size="small"
              rowKey="id"
              loading={page.isFetching}
              dataSource={page.data?.entries ?? []}
              pagination={false}
              scroll={{ x: 820 }}
              locale={{ emptyText: t('audit.empty') }}
              expandable={{ expandedRowRender: (entry) => <ChangesTable entry={entry} /> }}
              columns={[
                {
                  key: 'at',
                  title: t('audit.at'),
                  dataIndex: 'at',
                  className: 'nowrap',
                  render: (at: string) => formatTimestamp(at),
                },
                {
                  key: 'user',
                  title: t('audit.user'),
                  render: (_, e) =>
                    e.username
                      ? `${e.displayName ?? e.username} (${e.username})`
                      : e.userId === null
                        ? t('audit.system')
                        : `#${e.userId}`,
                },
                {
                  key: 'action',
                  title: t('audit.action'),
                  dataIndex: 'action',
                  render: (a: string) => <code>{a}</code>,
                },
                {
                  key: 'object',
                  title: t('audit.object'),
                  render: (_, e) => `${e.objectType}${e.objectId ? ` #${e.objectId}` : ''}`,
                },
                { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', className: 'nowrap' },
                {
                  key: 'changes',
                  title: t('audit.changes'),
                  render: (_, e) => t('audit.changeCount', { count: auditChanges(e.before, e.after).length }),
                },
              ]}
            />
            <Space className="audit-pager">
              <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('audit.newer')}
              </Button>
              <Typography.Text>{t('audit.pageNumber', { page: cursors.length })}</Typography.Text>
              <Button
                disabled={!page.data?.nextBeforeId}
                onClick={() => page.data?.nextBeforeId && setCursors([...cursors, page.data.nextBeforeId])}
              >
                {t('audit.older')}
              </Button>
            </Space>
          </>
        )}
      </Card>
    </div>
  );
}
