import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCompliance } from '../../../../contracts/plans.ts';
import { apiDownload } from '../../api/client.ts';
import { complianceXlsxUrl, fetchCompliance } from '../../api/plans.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { ChoiceFilter, SearchFilter } from '../../components/filter-field.tsx';
import { PageSpinner } from '../../components/page-spinner.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { saveBlob } from '../../lib/save-file.ts';
import { includesFolded } from '../../lib/text.ts';
import { planPath } from '../../routes.ts';
import { ComplianceStateTag } from './plan-tags.tsx';
import { COMPLIANCE_STATES, type TComplianceRow, type TComplianceRowState } from './plan-types.ts';

/** Which units below have issued their implementing plan, on time or late; tasks overdue by unit. */
export function ComplianceTab({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const compliance = useQuery({
    queryKey: ['plans', planId, 'compliance'],
    queryFn: ({ signal }) => fetchCompliance(planId, signal),
  });
  const [state, setState] = useState<TComplianceRowState | undefined>();
  const [q, setQ] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const describe = useApiErrorText();
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

  async function exportXlsx() {
    setExporting(true);
    setExportError(null);
    try {
      const file = await apiDownload(complianceXlsxUrl(planId), `tinh-hinh-ban-hanh-${planId}.xlsx`);
      saveBlob(file.blob, file.fileName);
    } catch (caught) {
      setExportError(describe(caught));
    } finally {
      setExporting(false);
    }
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
        <SearchFilter
          label={t('plans.compliance.search')}
          value={q}
          onChange={setQ}
          placeholder={t('plans.searchPlaceholder')}
        />
        <ChoiceFilter
          label={t('plans.compliance.col.state')}
          value={state}
          onChange={setState}
          placeholder={t('plans.all')}
          options={COMPLIANCE_STATES.map((s) => ({ value: s, label: t(`plans.compliance.state.${s}`) }))}
        />
        <div className="filters__item">
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={exporting}
            onClick={() => void exportXlsx()}
          >
            {t('plans.compliance.exportXlsx')}
          </Button>
        </div>
      </div>
      {exportError && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setExportError(null) }}
          title={exportError}
          role="alert"
          className="form-alert"
        />
      )}
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
      {c.tasksByUnit.length > 0 && (
        <section className="plan-section" data-testid="compliance-tasks">
          <Typography.Title level={2} className="plan-section__title">
            {t('plans.compliance.tasksTitle')}
          </Typography.Title>
          <div className="table-scroll">
            <Table<TComplianceTasks>
              size="small"
              rowKey={(r) => `${r.unitId ?? ''}:${r.lead}`}
              dataSource={c.tasksByUnit}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              rowClassName={(r) => (r.overdue > 0 ? 'row--late' : '')}
              columns={[
                {
                  key: 'lead',
                  title: t('plans.compliance.col.lead'),
                  render: (_, r) => r.lead || t('plans.compliance.noLead'),
                },
                { key: 'total', title: t('plans.compliance.col.tasks'), dataIndex: 'total', align: 'right' },
                { key: 'done', title: t('plans.compliance.col.done'), dataIndex: 'done', align: 'right' },
                {
                  key: 'overdue',
                  title: t('plans.compliance.col.overdue'),
                  align: 'right',
                  render: (_, r) =>
                    r.overdue > 0 ? <span className="compliance__late">{r.overdue}</span> : r.overdue,
                },
              ]}
            />
          </div>
        </section>
      )}
    </div>
  );
}

type TComplianceTasks = TCompliance['tasksByUnit'][number];
