import {
  ApartmentOutlined,
  ArrowLeftOutlined,
  CheckCircleOutlined,
  DashboardOutlined,
  DownloadOutlined,
  EditOutlined,
  FundOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { apiDownload } from '../../api/client.ts';
import { fetchPlan, planDocxUrl, planPdfUrl } from '../../api/plans.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { useFeedback } from '../../components/feedback.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { PageSpinner } from '../../components/page-spinner.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { saveBlob } from '../../lib/save-file.ts';
import {
  documentPath,
  planDashboardPath,
  planEditPath,
  planPath,
  planReportsPath,
  ROUTES,
} from '../../routes.ts';
import { canManage, hasRole, useSession } from '../auth/session.ts';
import { ComplianceTab } from './compliance-tab.tsx';
import { DeriveDialog } from './derive-dialog.tsx';
import { IssueDialog } from './issue-dialog.tsx';
import { PLAN_QUERY_KEY } from './plan-content.ts';
import { PlanTextSections, TargetsSection, TasksSection } from './plan-sections.tsx';
import { PlanOriginTag, PlanStatusTag } from './plan-tags.tsx';
import type { TPlanTask } from './plan-types.ts';
import { TargetIndicatorsTab } from './target-indicators-tab.tsx';
import { TaskProgressDialog } from './task-progress-dialog.tsx';

type Dialog = { kind: 'derive' } | { kind: 'issue' } | { kind: 'task'; task: TPlanTask } | null;

/** A plan: its facts, targets, tasks, duties; derive, issue, download; who below has issued theirs. */
export default function PlanPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const describe = useApiErrorText();
  const { message } = useFeedback();
  const id = Number(useParams().id);
  const role = useSession().data?.user.role;
  const canWrite = hasRole(role, 'officer');
  const plan = useQuery({
    queryKey: PLAN_QUERY_KEY(id),
    queryFn: ({ signal }) => fetchPlan(id, signal),
    enabled: id > 0,
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<'docx' | 'pdf' | null>(null);
  const [tab, setTab] = useState('content');

  useEffect(() => {
    if (plan.data) document.title = `${plan.data.symbol ?? plan.data.title.slice(0, 40)} · ${t('app.name')}`;
  }, [plan.data, t]);

  if (plan.isPending) return <PageSpinner />;
  if (plan.isError) return <ErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const editable = p.status === 'draft' || p.origin === 'received';

  async function download(format: 'docx' | 'pdf') {
    setDownloading(format);
    setDownloadError(null);
    try {
      const file = await apiDownload(
        format === 'docx' ? planDocxUrl(p.id) : planPdfUrl(p.id),
        `ke-hoach-${p.id}.${format}`,
      );
      saveBlob(file.blob, file.fileName);
    } catch (caught) {
      setDownloadError(describe(caught));
    } finally {
      setDownloading(null);
    }
  }

  const years = p.yearFrom
    ? p.yearTo && p.yearTo !== p.yearFrom
      ? `${p.yearFrom}–${p.yearTo}`
      : String(p.yearFrom)
    : null;

  return (
    <div className="plan-page">
      <div className="page-header">
        <div className="page-header__title">
          <Button
            type="text"
            icon={<ArrowLeftOutlined aria-hidden />}
            aria-label={t('plans.back')}
            onClick={() => navigate(ROUTES.plans)}
          />
          <div className="page-title">
            <Typography.Title level={1}>{p.symbol ?? t('plans.noSymbol')}</Typography.Title>
            <PageHelp topic="plan" />
          </div>
          <PlanStatusTag status={p.status} />
          <PlanOriginTag origin={p.origin} />
        </div>
        <Space wrap>
          {canWrite && editable && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(planEditPath(p.id))}>
              {t('plans.edit')}
            </Button>
          )}
          {canManage(role) && p.status === 'draft' && (
            <Button
              type="primary"
              icon={<CheckCircleOutlined aria-hidden />}
              onClick={() => setDialog({ kind: 'issue' })}
            >
              {t('plans.issue.button')}
            </Button>
          )}
          {canWrite && (
            <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => setDialog({ kind: 'derive' })}>
              {t('plans.derive.button')}
            </Button>
          )}
          {p.status === 'issued' && (
            <>
              <Button icon={<FundOutlined aria-hidden />} onClick={() => navigate(planReportsPath(p.id))}>
                {t('plans.reportingLink')}
              </Button>
              <Button
                icon={<DashboardOutlined aria-hidden />}
                onClick={() => navigate(planDashboardPath(p.id))}
              >
                {t('plans.dashboardLink')}
              </Button>
            </>
          )}
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={downloading === 'docx'}
            onClick={() => void download('docx')}
          >
            {t('plans.downloadDocx')}
          </Button>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={downloading === 'pdf'}
            onClick={() => void download('pdf')}
          >
            {t('plans.downloadPdf')}
          </Button>
        </Space>
      </div>
      {downloadError && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setDownloadError(null) }}
          title={downloadError}
          role="alert"
          className="form-alert"
          data-testid="download-error"
        />
      )}
      {p.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={t('plans.warningsSummary', { count: p.warnings.length })}
        />
      )}
      <Card size="small" className="plan-facts">
        <Typography.Paragraph className="plan-facts__title">{p.title}</Typography.Paragraph>
        <Descriptions
          size="small"
          layout="vertical"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'unit', label: t('plans.col.unit'), children: p.unitName },
            { key: 'issuer', label: t('review.field.issuer'), children: p.issuerName ?? t('common.none') },
            {
              key: 'issuedOn',
              label: t('plans.col.issuedOn'),
              children: formatIsoDate(p.issuedOn) || t('plans.notIssued'),
            },
            { key: 'years', label: t('plans.field.years'), children: years ?? t('common.none') },
            { key: 'place', label: t('review.field.place'), children: p.place ?? t('common.none') },
            {
              key: 'deadline',
              label: t('plans.field.implementDeadline'),
              children: formatIsoDate(p.implementDeadline) || t('common.none'),
            },
            {
              key: 'parent',
              label: t('plans.field.parent'),
              children: p.parentPlanId ? (
                <Link to={planPath(p.parentPlanId)}>{p.parentTitle ?? `#${p.parentPlanId}`}</Link>
              ) : (
                t('common.none')
              ),
            },
            {
              key: 'document',
              label: t('plans.field.document'),
              children: p.documentId ? (
                <Link to={documentPath(p.documentId)}>{t('plans.openDocument')}</Link>
              ) : (
                t('common.none')
              ),
            },
          ]}
        />
        {p.preamble && <Typography.Paragraph className="plan-preamble">{p.preamble}</Typography.Paragraph>}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        className="plan-tabs"
        items={[
          {
            key: 'content',
            label: t('plans.tab.content'),
            children: (
              <Card size="small">
                {p.purposes.length > 0 && (
                  <section className="plan-section">
                    <Typography.Title level={2} className="plan-section__title">
                      {t('plans.section.purposes')}
                    </Typography.Title>
                    <ol className="plain-list">
                      {p.purposes.map((purpose, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: purposes have no identity of their own
                        <li key={i}>{purpose}</li>
                      ))}
                    </ol>
                  </section>
                )}
                <TargetsSection plan={p} />
                <TasksSection
                  plan={p}
                  canReport={canWrite}
                  onReport={(task) => setDialog({ kind: 'task', task })}
                />
                <PlanTextSections plan={p} />
              </Card>
            ),
          },
          {
            key: 'indicators',
            label: t('plans.tab.indicators'),
            children: (
              <Card size="small">
                <TargetIndicatorsTab planId={p.id} canConfirm={canWrite} />
              </Card>
            ),
          },
          {
            key: 'compliance',
            label: t('plans.tab.compliance'),
            children: (
              <Card size="small">
                <ComplianceTab planId={p.id} />
              </Card>
            ),
          },
        ]}
      />
      {dialog?.kind === 'derive' && (
        <DeriveDialog
          plan={p}
          onClose={() => setDialog(null)}
          onDerived={(derived) => {
            setDialog(null);
            void message.success(t('plans.derive.done'));
            navigate(planEditPath(derived.id));
          }}
        />
      )}
      {dialog?.kind === 'issue' && (
        <IssueDialog
          plan={p}
          onClose={() => setDialog(null)}
          onIssued={(issued) => {
            setDialog(null);
            void message.success(t('plans.issue.done', { symbol: issued.symbol ?? '' }));
          }}
        />
      )}
      {dialog?.kind === 'task' && (
        <TaskProgressDialog planId={p.id} task={dialog.task} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
