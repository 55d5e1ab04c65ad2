import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Table, Typography } from 'antd';
import { useDeferredValue, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TTaskBoardItem, TTaskStatus } from '../../../../contracts/plans.ts';
import { fetchTaskBoard } from '../../api/plans.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { ChoiceFilter, SearchFilter } from '../../components/filter-field.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { useWorkingUnit } from '../../components/working-unit.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { foldedSelectSearch } from '../../lib/text.ts';
import { planPath } from '../../routes.ts';
import { TaskStatusTag } from './plan-tags.tsx';
import { type ProgressTask, TaskProgressDialog } from './task-progress-dialog.tsx';

const STATUSES = ['not_started', 'in_progress', 'done', 'overdue'] as const satisfies readonly TTaskStatus[];

/** "Bảng công việc": what the issued plans ask of the working unit and the units below it. */
export default function TaskBoardPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { unit } = useWorkingUnit();
  const [mine, setMine] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [status, setStatus] = useState<TTaskStatus | undefined>();
  const [planId, setPlanId] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const deferredQ = useDeferredValue(q.trim());
  const [reporting, setReporting] = useState<{ planId: number; task: ProgressTask } | null>(null);
  const query = {
    unitId: unit.id,
    mine: mine ? 'true' : 'false',
    overdue: overdue ? 'true' : 'false',
    status,
    planId,
    q: deferredQ || undefined,
  } as const;
  const board = useQuery({
    queryKey: ['task-board', query],
    queryFn: ({ signal }) => fetchTaskBoard(query, signal),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = `${t('taskBoard.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  const data = board.data;
  return (
    <div className="task-board-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('taskBoard.pageTitle')}</Typography.Title>
          <PageHelp topic="taskBoard" />
        </div>
      </div>
      <Card>
        <Typography.Paragraph type="secondary">
          {t('taskBoard.scope', { unit: unit.name })}
          {data && (
            <>
              {' · '}
              {t('taskBoard.asOf', { date: formatIsoDate(data.asOf) })}
              {data.overdue > 0 && (
                <>
                  {' · '}
                  <span className="compliance__late" data-testid="task-board-overdue">
                    {t('taskBoard.overdueCount', { count: data.overdue })}
                  </span>
                </>
              )}
            </>
          )}
        </Typography.Paragraph>
        <div className="filters">
          <SearchFilter
            label={t('taskBoard.search')}
            value={q}
            onChange={setQ}
            placeholder={t('taskBoard.searchPlaceholder')}
          />
          <ChoiceFilter
            label={t('taskBoard.col.status')}
            value={status}
            onChange={setStatus}
            placeholder={t('plans.all')}
            options={STATUSES.map((s) => ({ value: s, label: t(`plans.taskStatus.${s}`) }))}
          />
          <ChoiceFilter
            label={t('taskBoard.col.plan')}
            value={planId}
            onChange={setPlanId}
            placeholder={t('plans.all')}
            className="filters__select task-board__plan-select"
            showSearch={foldedSelectSearch}
            options={(data?.plans ?? []).map((p) => ({ value: p.id, label: p.label }))}
          />
          <div className="filters__item filters__item--checks">
            <Checkbox
              checked={mine}
              onChange={(e) => setMine(e.target.checked)}
              data-testid="task-board-mine"
            >
              {t('taskBoard.mine')}
            </Checkbox>
            <Checkbox
              checked={overdue}
              onChange={(e) => setOverdue(e.target.checked)}
              data-testid="task-board-overdue-only"
            >
              {t('taskBoard.overdueOnly')}
            </Checkbox>
          </div>
        </div>
        {data && data.total > data.items.length && (
          <Alert
            type="info"
            showIcon
            className="form-alert"
            title={t('taskBoard.truncated', { shown: data.items.length, total: data.total })}
          />
        )}
        {board.isError ? (
          <ErrorResult error={board.error} onRetry={() => void board.refetch()} />
        ) : (
          <div className="table-scroll">
            <Table<TTaskBoardItem>
              size="small"
              rowKey="key"
              loading={board.isFetching}
              dataSource={data?.items ?? []}
              scroll={{ x: 980 }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="task-board"
              locale={{ emptyText: t('taskBoard.empty') }}
              rowClassName={(r) => (r.status === 'overdue' ? 'row--late' : '')}
              columns={[
                {
                  key: 'text',
                  title: t('taskBoard.col.task'),
                  render: (_, r) => (
                    <>
                      <div>{r.text}</div>
                      {r.progressNote && (
                        <Typography.Text type="secondary" className="task-board__note">
                          {r.progressNote}
                        </Typography.Text>
                      )}
                    </>
                  ),
                },
                {
                  key: 'unit',
                  title: t('taskBoard.col.unit'),
                  render: (_, r) => (
                    <>
                      <div>{r.unitName}</div>
                      <Typography.Text type="secondary">{t(`taskBoard.role.${r.role}`)}</Typography.Text>
                    </>
                  ),
                },
                {
                  key: 'plan',
                  title: t('taskBoard.col.plan'),
                  render: (_, r) => (
                    <Link to={planPath(r.planId)} title={r.planTitle}>
                      {r.planSymbol ?? r.planTitle}
                    </Link>
                  ),
                },
                {
                  key: 'deadline',
                  title: t('taskBoard.col.deadline'),
                  className: 'nowrap',
                  render: (_, r) =>
                    r.deadline ? (
                      <>
                        <div>{formatIsoDate(r.deadline)}</div>
                        {r.daysLate > 0 && (
                          <span className="compliance__late">
                            {t('taskBoard.daysLate', { count: r.daysLate })}
                          </span>
                        )}
                      </>
                    ) : (
                      t('common.none')
                    ),
                },
                {
                  key: 'status',
                  title: t('taskBoard.col.status'),
                  className: 'nowrap',
                  render: (_, r) => <TaskStatusTag status={r.status} />,
                },
                {
                  key: 'action',
                  title: <span className="visually-hidden">{t('taskBoard.col.action')}</span>,
                  className: 'nowrap',
                  render: (_, r) =>
                    r.canReport && r.taskId !== null && r.version !== null && r.settableStatus ? (
                      <Button
                        size="small"
                        aria-label={t('taskBoard.reportFor', { task: r.text.slice(0, 60) })}
                        onClick={() =>
                          setReporting({
                            planId: r.planId,
                            task: {
                              id: r.taskId!,
                              version: r.version!,
                              status: r.settableStatus!,
                              progressNote: r.progressNote,
                              text: r.text,
                            },
                          })
                        }
                      >
                        {t('taskBoard.report')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </div>
        )}
      </Card>
      {reporting && (
        <TaskProgressDialog
          planId={reporting.planId}
          task={reporting.task}
          onClose={() => setReporting(null)}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: ['task-board'] })}
        />
      )}
    </div>
  );
}
