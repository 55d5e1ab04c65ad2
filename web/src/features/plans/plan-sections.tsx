import { Alert, Button, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TMilestone } from '../../../../contracts/plan-extract.ts';
import type { TPlan } from '../../../../contracts/plans.ts';
import { formatIsoDate } from '../../lib/format.ts';
import {
  COMPARATOR_KEY,
  dueSentence,
  formatMonthDay,
  milestoneSentence,
  valueWithUnit,
} from '../../lib/plan-text.ts';
import { warningsByTarget } from './plan-content.ts';
import { TaskStatusTag } from './plan-tags.tsx';
import type { TPlanTask } from './plan-types.ts';

export function PlanSection({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count?: number;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="plan-section" data-testid={testId}>
      <Typography.Title level={2} className="plan-section__title">
        {title}
        {count !== undefined && <span className="review-section__count"> ({count})</span>}
      </Typography.Title>
      {children}
    </section>
  );
}

interface MilestoneRow extends TMilestone {
  key: string;
  target: number;
  targetText: string;
}

export function TargetsSection({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const warnings = warningsByTarget(plan.warnings);
  const rows: MilestoneRow[] = plan.targets.flatMap((target, ti) =>
    target.milestones.map((m, mi) => ({ ...m, key: `${ti}-${mi}`, target: ti + 1, targetText: target.text })),
  );
  return (
    <PlanSection title={t('plans.section.targets')} count={plan.targets.length} testId="plan-targets">
      {(warnings.get(-1) ?? []).map((message) => (
        <Alert key={message} type="warning" showIcon title={message} className="form-alert" />
      ))}
      <ol className="target-list">
        {plan.targets.map((target, index) => (
          <li key={target.id} className="target-item" data-testid="plan-target">
            <div className="target-item__text">{target.text}</div>
            {target.milestones.length > 0 ? (
              <ul className="target-item__milestones">
                {target.milestones.map((m, mi) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: milestones have no identity of their own
                  <li key={mi}>{milestoneSentence(t, m)}</li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">{t('plans.noMilestones')}</Typography.Text>
            )}
            {(warnings.get(index) ?? []).map((message) => (
              <Alert
                key={message}
                type="warning"
                showIcon
                title={message}
                className="target-item__warning"
                data-testid="target-warning"
              />
            ))}
          </li>
        ))}
      </ol>
      {rows.length > 0 && (
        <div className="table-scroll">
          <Table<MilestoneRow>
            size="small"
            rowKey="key"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 640 }}
            className="milestone-table"
            columns={[
              {
                key: 'target',
                title: t('plans.col.target'),
                className: 'nowrap',
                render: (_, r) => r.target,
              },
              {
                key: 'text',
                title: t('plans.col.targetText'),
                render: (_, r) => <span className="clamp-2">{r.targetText}</span>,
              },
              {
                key: 'year',
                title: t('plan.field.year'),
                className: 'nowrap',
                render: (_, r) =>
                  r.recurrence === 'annual' ? t('plan.field.everyYear') : (r.year ?? t('common.none')),
              },
              {
                key: 'op',
                title: t('plan.field.comparator'),
                className: 'nowrap',
                render: (_, r) => t(`plan.comparator.${COMPARATOR_KEY[r.op]}`),
              },
              {
                key: 'value',
                title: t('plan.field.value'),
                className: 'nowrap',
                align: 'right',
                render: (_, r) => valueWithUnit(r.value, r.unit),
              },
            ]}
          />
        </div>
      )}
    </PlanSection>
  );
}

export function TasksSection({
  plan,
  canReport,
  onReport,
}: {
  plan: TPlan;
  canReport: boolean;
  onReport: (task: TPlanTask) => void;
}) {
  const { t } = useTranslation();
  const sorted = [...plan.tasks].sort(
    (a, b) => Number(b.effectiveStatus === 'overdue') - Number(a.effectiveStatus === 'overdue'),
  );
  return (
    <PlanSection title={t('plans.section.tasks')} count={plan.tasks.length} testId="plan-tasks">
      <div className="table-scroll">
        <Table<TPlanTask>
          size="small"
          rowKey="id"
          dataSource={sorted}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('plans.noTasks') }}
          columns={[
            { key: 'n', title: '#', className: 'nowrap', render: (_, task) => plan.tasks.indexOf(task) + 1 },
            {
              key: 'text',
              title: t('plans.col.task'),
              render: (_, task) => (
                <div>
                  <div>{task.text}</div>
                  {task.progressNote && <div className="task-note">{task.progressNote}</div>}
                </div>
              ),
            },
            {
              key: 'lead',
              title: t('review.field.lead'),
              render: (_, task) => (
                <div>
                  <div>{task.leadText ?? t('common.none')}</div>
                  {task.cooperating.length > 0 && (
                    <div className="task-note">
                      {t('plans.cooperatingWith', { names: task.cooperating.map((c) => c.text).join(', ') })}
                    </div>
                  )}
                </div>
              ),
            },
            {
              key: 'deadline',
              title: t('review.field.deadline'),
              className: 'nowrap',
              render: (_, task) => formatIsoDate(task.deadline) || t('common.none'),
            },
            {
              key: 'status',
              title: t('plans.col.status'),
              className: 'nowrap',
              render: (_, task) => <TaskStatusTag status={task.effectiveStatus} />,
            },
            ...(canReport
              ? [
                  {
                    key: 'action',
                    title: t('common.actions'),
                    className: 'nowrap',
                    render: (_: unknown, task: TPlanTask) => (
                      <Button
                        size="small"
                        onClick={() => onReport(task)}
                        aria-label={t('plans.progress.buttonFor', { n: plan.tasks.indexOf(task) + 1 })}
                      >
                        {t('plans.progress.button')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
    </PlanSection>
  );
}

export function PlanTextSections({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  return (
    <>
      <PlanSection title={t('plans.section.assignments')} count={plan.assignments.length}>
        {plan.assignments.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <dl className="assignment-list">
            {plan.assignments.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: assignments have no identity of their own
              <div key={i} className="assignment-list__item">
                <dt>{a.unitText}</dt>
                <dd>{a.text}</dd>
              </div>
            ))}
          </dl>
        )}
      </PlanSection>
      <PlanSection title={t('plans.section.reporting')} count={plan.reporting.length} testId="plan-reporting">
        {plan.reporting.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <ul className="plain-list">
            {plan.reporting.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: duties have no identity of their own
              <li key={i}>
                <strong>{t(`plan.frequency.${r.frequency}`)}</strong>: {dueSentence(t, r.frequency, r.due)}
                {r.recipient && <> — {t('plans.reportTo', { to: r.recipient })}</>}
              </li>
            ))}
          </ul>
        )}
      </PlanSection>
      {plan.events.length > 0 && (
        <PlanSection title={t('plans.section.events')} count={plan.events.length}>
          <ul className="plain-list">
            {plan.events.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: events have no identity of their own
              <li key={i}>
                <strong>{e.name}</strong>: {showEventDate(e.start)}
                {e.end && ` – ${showEventDate(e.end)}`}
                {e.calendar === 'lunar' && ` (${t('plans.lunar')})`}
                {e.calendar === 'lunar' && e.occurrences.length > 0 && (
                  <div className="plan-event__solar" data-testid="lunar-occurrences">
                    {t('plans.lunarEvents.solar')}:{' '}
                    {e.occurrences
                      .map((o) =>
                        t('plans.lunarEvents.occurrence', {
                          year: o.year,
                          dates:
                            o.end && o.end !== o.start
                              ? `${formatIsoDate(o.start)} – ${formatIsoDate(o.end)}`
                              : formatIsoDate(o.start),
                        }),
                      )
                      .join('; ')}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </PlanSection>
      )}
      <PlanSection title={t('plans.section.recipients')} count={plan.recipients.length}>
        {plan.recipients.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <ul className="plain-list plain-list--dash">
            {plan.recipients.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: recipients may repeat
              <li key={i}>{r}</li>
            ))}
          </ul>
        )}
      </PlanSection>
    </>
  );
}

function showEventDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatIsoDate(value) : formatMonthDay(value);
}
