import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Modal, Result, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { TPlan, TPlanContent } from '../../../../contracts/plans.ts';
import { ApiError } from '../../api/client.ts';
import { fetchPlan, updatePlan } from '../../api/plans.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { useFeedback } from '../../components/feedback.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { PageSpinner } from '../../components/page-spinner.tsx';
import { dueFits } from '../../lib/plan-text.ts';
import { planPath } from '../../routes.ts';
import { changedParts, PLAN_QUERY_KEY, toPlanContent } from './plan-content.ts';
import { PlanEditor } from './plan-editor.tsx';
import { PlanStatusTag } from './plan-tags.tsx';

interface Conflict {
  message: string;
  current: TPlan | null;
}

function currentFromConflict(error: ApiError): TPlan | null {
  const details = error.details as { current?: TPlan } | undefined;
  return details?.current && typeof details.current === 'object' && 'version' in details.current
    ? details.current
    : null;
}

/** What the client can check before the server does. */
function problems(
  t: (key: string, options?: Record<string, unknown>) => string,
  content: TPlanContent,
): string[] {
  const found: string[] = [];
  if (!content.title.trim()) found.push(t('plans.editor.titleRequired'));
  content.targets.forEach((target, i) => {
    if (!target.text.trim()) found.push(t('plans.editor.targetEmpty', { n: i + 1 }));
  });
  content.tasks.forEach((task, i) => {
    if (!task.text.trim()) found.push(t('plans.editor.taskEmpty', { n: i + 1 }));
  });
  content.reporting.forEach((r, i) => {
    if (!dueFits(r.frequency, r.due)) found.push(t('plans.editor.dueInvalid', { n: i + 1 }));
  });
  return found;
}

/** Edit a draft whole; a save over someone else's change is refused and shown. */
export default function PlanEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const describe = useApiErrorText();
  const { message } = useFeedback();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const plan = useQuery({
    queryKey: PLAN_QUERY_KEY(id),
    queryFn: ({ signal }) => fetchPlan(id, signal),
    enabled: id > 0,
  });
  const [draft, setDraft] = useState<TPlanContent | null>(null);
  const [version, setVersion] = useState(0);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [showOther, setShowOther] = useState(false);

  useEffect(() => {
    if (plan.data && draft === null) {
      setDraft(toPlanContent(plan.data));
      setVersion(plan.data.version);
    }
  }, [plan.data, draft]);

  useEffect(() => {
    document.title = `${t('plans.editor.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  if (plan.isPending || (plan.data && !draft)) return <PageSpinner />;
  if (plan.isError) return <ErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  if (!draft) return <PageSpinner />;
  if (p.status === 'issued' && p.origin === 'own')
    return (
      <Result
        status="info"
        title={t('plans.editor.issuedTitle')}
        subTitle={t('plans.editor.issuedText')}
        extra={<Button onClick={() => navigate(planPath(p.id))}>{t('plans.editor.backToPlan')}</Button>}
      />
    );

  const found = problems(t, draft);

  async function save(content: TPlanContent, atVersion: number) {
    setSaving(true);
    setError(null);
    try {
      const saved = await updatePlan(id, content, atVersion);
      queryClient.setQueryData(PLAN_QUERY_KEY(id), saved);
      void queryClient.invalidateQueries({ queryKey: ['plans', 'list'] });
      setConflict(null);
      void message.success(t('plans.editor.saved'));
      navigate(planPath(id));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409 && caught.code === 'conflict_version') {
        setConflict({
          message: caught.message || t('errors.conflict'),
          current: currentFromConflict(caught),
        });
      } else {
        setError(describe(caught));
      }
    } finally {
      setSaving(false);
    }
  }

  const other = conflict?.current ? toPlanContent(conflict.current) : null;
  const changed = other ? changedParts(draft, other) : [];

  return (
    <div className="plan-edit-page">
      <div className="page-header page-header--sticky">
        <div className="page-header__title">
          <Button
            type="text"
            icon={<ArrowLeftOutlined aria-hidden />}
            aria-label={t('plans.editor.backToPlan')}
            onClick={() => navigate(planPath(id))}
          />
          <div className="page-title">
            <Typography.Title level={1}>{t('plans.editor.pageTitle')}</Typography.Title>
            <PageHelp topic="planEdit" />
          </div>
          <PlanStatusTag status={p.status} />
        </div>
        <Space wrap>
          <Button onClick={() => navigate(planPath(id))}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            icon={<SaveOutlined aria-hidden />}
            loading={saving}
            disabled={found.length > 0}
            onClick={() => void save(draft, version)}
          >
            {t('common.save')}
          </Button>
        </Space>
      </div>
      {p.parentPlanId && (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={t('plans.editor.derivedHint', { parent: p.parentTitle ?? '' })}
        />
      )}
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          data-testid="conflict"
          title={conflict.message}
          description={
            conflict.current ? (
              <Space wrap className="conflict-actions">
                <Button size="small" onClick={() => setShowOther(true)}>
                  {t('plans.editor.conflictShow')}
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    if (!conflict.current) return;
                    setDraft(toPlanContent(conflict.current));
                    setVersion(conflict.current.version);
                    queryClient.setQueryData(PLAN_QUERY_KEY(id), conflict.current);
                    setConflict(null);
                  }}
                >
                  {t('plans.editor.conflictReload')}
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() => {
                    if (conflict.current) void save(draft, conflict.current.version);
                  }}
                >
                  {t('plans.editor.conflictOverwrite')}
                </Button>
              </Space>
            ) : undefined
          }
        />
      )}
      {error && <Alert type="error" showIcon role="alert" className="form-alert" title={error} />}
      {found.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={t('plans.editor.fixFirst')}
          description={
            <ul className="plain-list">
              {found.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small">
        <PlanEditor content={draft} onChange={setDraft} warnings={p.warnings} />
      </Card>
      {showOther && other && conflict?.current && (
        <Modal
          open
          title={t('plans.editor.conflictTitle', { version: conflict.current.version })}
          footer={null}
          onCancel={() => setShowOther(false)}
          width={720}
        >
          <Typography.Paragraph>
            {changed.length > 0
              ? t('plans.editor.conflictChanged', {
                  parts: changed.map((key) => t(`plans.part.${key}`)).join(', '),
                })
              : t('plans.editor.conflictSame')}
          </Typography.Paragraph>
          <Typography.Paragraph strong>{other.title}</Typography.Paragraph>
          <ol className="plain-list">
            {other.targets.map((target, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: display only
              <li key={i}>{target.text}</li>
            ))}
          </ol>
        </Modal>
      )}
    </div>
  );
}
