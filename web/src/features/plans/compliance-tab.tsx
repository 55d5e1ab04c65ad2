import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Progress, Select, Table, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCompliance } from '../../../../contracts/plans.ts';
import { fetchCompliance } from '../../api/plans.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageSpinner } from '../../components/page-spinner.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { saveBlob, toCsv } from '../../lib/save-file.ts';
import { includesFolded } from '../../lib/text.ts';
import { planPath } from '../../routes.ts';
import { ComplianceStateTag } from './plan-tags.tsx';
import { COMPLIANCE_STATES, type TComplianceRow, type TComplianceRowState } from './plan-types.ts';

/** Which units below have issued their implementing plan, on time or late. */
export function ComplianceTab({ planId, planSymbol }: { planId: number; planSymbol: string | null }) {
  const { t } = useTranslation();
  const compliance = useQuery({
    queryKey: ['plans', planId, 'compliance'],
    queryFn: ({ signal }) => fetchCompliance(planId, signal),
  });
  const [state, setState] = useState<TComplianceRowState | undefined>();
  const [q, setQ] = useState('');
  const stateId = useId();
  const searchId = useId();
  const rows = useMemo(
    () =>
      (compliance.data?.rows ?? []).filter(
        (r) => (!state || r.state === state) && (!q.trim() || includesFolded(r.unitName, q)),
      ),
    [compliance.data, state, q],
  );

  if (compliance.isPending) return <PageSpinner />;
  if (compliance.isError)
    return <ErrorResult error={compliance.error} onRetry={() => void compliance.refetch()} />;
  const c = compliance.data;

  function exportCsv(data: TCompliance) {
    const header = [
      t('plans.compliance.col.unit'),
      t('plans.compliance.col.unitType'),
      t('plans.compliance.col.planStatus'),
      t('plans.col.symbol'),
      t('plans.col.issuedOn'),
      t('plans.compliance.col.deadline'),
      t('plans.compliance.col.state'),
    ];
    const body = data.rows.map((r) => [
      r.unitName,
      t(`org.type.${r.unitType}`),
      t(`plans.compliance.planStatus.${r.planStatus}`),
      r.symbol,
      formatIsoDate(r.issuedOn),
      formatIsoDate(r.deadline),
      t(`plans.compliance.state.${r.state}`),
    ]);
    const name = `tinh-hinh-ban-hanh-${(planSymbol ?? `ke-hoach-${planId}`).replace(/[^\p{L}\p{N}-]+/gu, '-')}.csv`;
    saveBlob(new Blob([toCsv([header, ...body])], { type: 'text/csv;charset=utf-8' }), name);
  }

  const percent = c.inScope > 0 ? Math.round((100 * c.issued) / c.inScope) : 0;
  return (
    <div className="compliance" data-testid="compliance">
      <div className="compliance__summary">
        <div>
          <div className="compliance__big" data-testid="compliance-summary">
            {t('plans.compliance.summary', { issued: c.issued, total: c.inScope })}
          </div>
          <Typography.Text type="secondary">
            {c.deadline
              ? t('plans.compliance.deadline', { date: formatIsoDate(c.deadline) })
              : t('plans.compliance.noDeadline')}
            {' · '}
            {t('plans.compliance.asOf', { date: formatIsoDate(c.asOf) })}
            {c.late > 0 && (
              <>
                {' · '}
                <span className="compliance__late">{t('plans.compliance.lateCount', { count: c.late })}</span>
              </>
            )}
          </Typography.Text>
        </div>
        <Progress
          percent={percent}
          size="small"
          className="compliance__bar"
          aria-label={t('plans.compliance.progressLabel')}
        />
      </div>
      <div className="filters">
        <div className="filters__item filters__item--grow">
          <label htmlFor={searchId} className="field-label">
            {t('plans.compliance.search')}
          </label>
          <Input
            id={searchId}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            allowClear
            placeholder={t('plans.searchPlaceholder')}
          />
        </div>
        <div className="filters__item">
          <label htmlFor={stateId} className="field-label">
            {t('plans.compliance.col.state')}
          </label>
          <Select
            id={stateId}
            allowClear
            value={state}
            onChange={setState}
            placeholder={t('plans.all')}
            className="filters__select"
            options={COMPLIANCE_STATES.map((s) => ({ value: s, label: t(`plans.compliance.state.${s}`) }))}
          />
        </div>
        <div className="filters__item">
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => exportCsv(c)}>
            {t('plans.compliance.exportCsv')}
          </Button>
        </div>
      </div>
      <Alert type="info" showIcon className="form-alert" title={t('plans.compliance.csvNote')} />
      <div className="table-scroll">
        <Table<TComplianceRow>
          size="small"
          rowKey="unitId"
          dataSource={rows}
          pagination={{ pageSize: 100, hideOnSinglePage: true }}
          scroll={{ x: 820 }}
          locale={{ emptyText: t('plans.compliance.empty') }}
          rowClassName={(r) => (r.state === 'late' ? 'row--late' : '')}
          columns={[
            { key: 'unit', title: t('plans.compliance.col.unit'), dataIndex: 'unitName' },
            {
              key: 'type',
              title: t('plans.compliance.col.unitType'),
              className: 'nowrap',
              render: (_, r) => t(`org.type.${r.unitType}`),
            },
            {
              key: 'plan',
              title: t('plans.compliance.col.planStatus'),
              className: 'nowrap',
              render: (_, r) =>
                r.planId ? (
                  <Link to={planPath(r.planId)}>
                    {r.symbol ?? t(`plans.compliance.planStatus.${r.planStatus}`)}
                  </Link>
                ) : (
                  t(`plans.compliance.planStatus.${r.planStatus}`)
                ),
            },
            {
              key: 'issuedOn',
              title: t('plans.col.issuedOn'),
              className: 'nowrap',
              render: (_, r) => formatIsoDate(r.issuedOn) || t('common.none'),
            },
            {
              key: 'deadline',
              title: t('plans.compliance.col.deadline'),
              className: 'nowrap',
              render: (_, r) => formatIsoDate(r.deadline) || t('common.none'),
            },
            {
              key: 'state',
              title: t('plans.compliance.col.state'),
              className: 'nowrap',
              render: (_, r) => <ComplianceStateTag state={r.state} />,
            },
          ]}
        />
      </div>
    </div>
  );
}
