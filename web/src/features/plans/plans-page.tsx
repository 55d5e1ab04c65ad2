import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TPlanSummary } from '../../../../contracts/plans.ts';
import { fetchPlans } from '../../api/plans.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { ChoiceFilter, SearchFilter } from '../../components/filter-field.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { useWorkingUnit } from '../../components/working-unit.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { includesFolded } from '../../lib/text.ts';
import { planEditPath, planPath } from '../../routes.ts';
import { hasRole, useSession } from '../auth/session.ts';
import { CreatePlanDialog } from './create-plan-dialog.tsx';
import { PlanOriginTag, PlanStatusTag } from './plan-tags.tsx';

/** The working unit's plans and those received from the levels above. */
export default function PlansPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const { unit } = useWorkingUnit();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<TPlanSummary['status'] | undefined>();
  const [origin, setOrigin] = useState<TPlanSummary['origin'] | undefined>();
  const [creating, setCreating] = useState(false);
  const plans = useQuery({
    queryKey: ['plans', 'list', unit.id],
    queryFn: ({ signal }) => fetchPlans(unit.id, signal),
  });

  useEffect(() => {
    document.title = `${t('plans.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  const rows = useMemo(
    () =>
      (plans.data ?? []).filter(
        (p) =>
          (!status || p.status === status) &&
          (!origin || p.origin === origin) &&
          (!q.trim() || includesFolded(`${p.symbol ?? ''} ${p.title} ${p.unitName}`, q)),
      ),
    [plans.data, status, origin, q],
  );

  return (
    <div className="plans-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('plans.pageTitle')}</Typography.Title>
          <PageHelp topic="plans" />
        </div>
        {hasRole(session.data?.user.role, 'officer') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('plans.create')}
          </Button>
        )}
      </div>
      <Card>
        <Typography.Paragraph type="secondary" className="plans-page__scope">
          {t('plans.scope', { unit: unit.name })}
        </Typography.Paragraph>
        <div className="filters">
          <SearchFilter
            label={t('plans.search')}
            value={q}
            onChange={setQ}
            placeholder={t('plans.searchPlaceholder')}
          />
          <ChoiceFilter
            label={t('plans.col.status')}
            value={status}
            onChange={setStatus}
            placeholder={t('plans.all')}
            options={(['draft', 'issued'] as const).map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
          />
          <ChoiceFilter
            label={t('plans.col.origin')}
            value={origin}
            onChange={setOrigin}
            placeholder={t('plans.all')}
            options={(['received', 'own'] as const).map((o) => ({ value: o, label: t(`plans.origin.${o}`) }))}
          />
        </div>
        {plans.isError ? (
          <ErrorResult error={plans.error} onRetry={() => void plans.refetch()} />
        ) : (
          <div className="table-scroll">
            <Table<TPlanSummary>
              size="small"
              rowKey="id"
              loading={plans.isFetching}
              dataSource={rows}
              scroll={{ x: 880 }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="plans-table"
              locale={{ emptyText: t('plans.empty') }}
              columns={[
                {
                  key: 'symbol',
                  title: t('plans.col.symbol'),
                  className: 'nowrap',
                  render: (_, p) => <Link to={planPath(p.id)}>{p.symbol ?? t('plans.noSymbol')}</Link>,
                },
                {
                  key: 'title',
                  title: t('plans.col.title'),
                  render: (_, p) => (
                    <Link to={planPath(p.id)} className="plans-page__title">
                      {p.title}
                    </Link>
                  ),
                },
                { key: 'unit', title: t('plans.col.unit'), dataIndex: 'unitName' },
                {
                  key: 'issuedOn',
                  title: t('plans.col.issuedOn'),
                  className: 'nowrap',
                  render: (_, p) => formatIsoDate(p.issuedOn) || t('common.none'),
                  sorter: (a, b) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? ''),
                },
                {
                  key: 'status',
                  title: t('plans.col.status'),
                  className: 'nowrap',
                  render: (_, p) => <PlanStatusTag status={p.status} />,
                },
                {
                  key: 'origin',
                  title: t('plans.col.origin'),
                  className: 'nowrap',
                  render: (_, p) => <PlanOriginTag origin={p.origin} />,
                },
              ]}
            />
          </div>
        )}
      </Card>
      {creating && (
        <CreatePlanDialog
          onClose={() => setCreating(false)}
          onCreated={(plan) => navigate(planEditPath(plan.id))}
        />
      )}
    </div>
  );
}
