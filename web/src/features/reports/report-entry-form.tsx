import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  ExclamationCircleOutlined,
  LoadingOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCategory, TIssue, TReport } from '../../../../contracts/reporting.ts';
import { isEditable } from '../../../../domain/reporting/report-states.ts';
import { ApiError } from '../../api/client.ts';
import { submitReport } from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { useFeedback } from '../../components/feedback.tsx';
import { LazyModal } from '../../components/lazy-overlay.tsx';
import { formatTimestamp } from '../../lib/format.ts';
import { putOutbox, queueSubmit } from '../../offline/outbox.ts';
import { useSession } from '../auth/session.ts';
import { AttachmentsCard } from './attachments-card.tsx';
import { IndicatorCard } from './indicator-card.tsx';
import { NarrativeSections } from './narrative-sections.tsx';
import {
  cellKey,
  cellsOf,
  checkDraft,
  clearStoredDraft,
  EMPTY_CELL,
  issueInputId,
  issueTarget,
  type ValuePart,
} from './report-draft.ts';
import { type SaveState, useReportDraft } from './use-report-draft.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (at: Date) => `${pad(at.getHours())}:${pad(at.getMinutes())}`;

/** Which card or section an issue belongs to, to show it only once the user has been there. */
function groupOf(field: string): string {
  const target = issueTarget(field);
  if (target.kind === 'value' || target.kind === 'indicator') return `i${target.indicatorId}`;
  if (target.kind === 'section') return `s${target.key}`;
  return 'other';
}

/** Move to the field an issue names: scroll it to the middle and focus it. */
export function focusIssueField(field: string, report: Pick<TReport, 'form'>): void {
  const id = issueInputId(field, report);
  if (!id) return;
  let element = document.getElementById(id);
  if (element && !['INPUT', 'TEXTAREA'].includes(element.tagName)) {
    element = element.querySelector<HTMLElement>('input:not([type=hidden]), textarea') ?? element;
  }
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  let icon = <CheckCircleOutlined aria-hidden />;
  let text: string;
  let tone = 'ok';
  switch (state.kind) {
    case 'saved':
      text = state.at ? t('reports.save.savedAt', { time: clock(state.at) }) : t('reports.save.upToDate');
      break;
    case 'dirty':
      icon = <CloudSyncOutlined aria-hidden />;
      text = t('reports.save.dirty');
      tone = 'pending';
      break;
    case 'saving':
      icon = <LoadingOutlined aria-hidden />;
      text = t('reports.save.saving');
      tone = 'pending';
      break;
    case 'retrying':
      icon = <ExclamationCircleOutlined aria-hidden />;
      text = t('reports.save.retrying');
      tone = 'warn';
      break;
    case 'failed':
      icon = <ExclamationCircleOutlined aria-hidden />;
      text = t('reports.save.failed', { reason: describe(state.error) });
      tone = 'error';
      break;
    case 'conflict':
      icon = <ExclamationCircleOutlined aria-hidden />;
      text = t('reports.save.conflictShort');
      tone = 'error';
      break;
  }
  return (
    <span className={`save-status save-status--${tone}`} data-testid="save-status" data-state={state.kind}>
      {icon} {text}
    </span>
  );
}

/** The form a unit fills: indicators, the written sections, attachments; autosaved; submitted. */
export function ReportEntryForm({
  report,
  onReportChanged,
}: {
  report: TReport;
  onReportChanged: (report: TReport) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = useFeedback();
  const describe = useApiErrorText();
  const state = useReportDraft(report, onReportChanged);
  const { draft, setDraft, saveState, flush } = state;
  const userId = useSession().data?.user.id;
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitAttempted, setSubmitAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<TIssue[]>([]);
  const [errorListOpen, setErrorListOpen] = useState(false);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const notANumber = t('reports.form.notANumber');
  const localIssues = useMemo(() => checkDraft(draft, report, notANumber), [draft, report, notANumber]);
  const issues = useMemo(() => {
    const seen = new Set(localIssues.map((i) => `${i.field}|${i.message}`));
    return [...localIssues, ...serverIssues.filter((i) => !seen.has(`${i.field}|${i.message}`))];
  }, [localIssues, serverIssues]);
  // Say nothing about empty fields the user has not reached yet; a wrong figure is shown at once
  // (also one saved earlier), and everything once they try to submit or the report came back.
  const visibleIssues = useMemo(() => {
    const hasValue = (field: string) => {
      const target = issueTarget(field);
      return (
        target.kind === 'value' &&
        (draft.values[cellKey(target.indicatorId, target.category)]?.[target.part] ?? '') !== ''
      );
    };
    const showAll = submitAttempted || report.status === 'returned';
    return issues.filter((i) => showAll || touched.has(groupOf(i.field)) || hasValue(i.field));
  }, [issues, submitAttempted, touched, draft, report.status]);
  const issuesOf = useCallback(
    (field: string) => visibleIssues.filter((i) => i.field === field),
    [visibleIssues],
  );
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const otherIssues = visibleIssues.filter((i) => groupOf(i.field) === 'other');

  const touch = (group: string) => setTouched((set) => (set.has(group) ? set : new Set(set).add(group)));

  const onCell =
    (indicatorId: number) => (category: TCategory, part: ValuePart | 'comment', text: string) => {
      const key = cellKey(indicatorId, category);
      setDraft((d) => ({
        ...d,
        values: { ...d.values, [key]: { ...(d.values[key] ?? EMPTY_CELL), [part]: text } },
      }));
      setServerIssues([]);
      if (part !== 'comment') touch(`i${indicatorId}`);
    };
  const onNarrative = (key: string, text: string) => {
    setDraft((d) => ({ ...d, narrative: { ...d.narrative, [key]: text } }));
    setServerIssues([]);
    touch(`s${key}`);
  };
  const onBlur = () => {
    if (saveState.kind === 'dirty') void flush();
  };

  const labelOf = (field: string): string => {
    const target = issueTarget(field);
    if (target.kind === 'value' || target.kind === 'indicator') {
      const indicator = report.form.indicators.find((i) => i.id === target.indicatorId);
      const category =
        target.kind === 'value' && target.category !== 'total'
          ? ` (${t(`reports.category.${target.category}`)})`
          : '';
      return `${indicator?.name ?? field}${category}`;
    }
    if (target.kind === 'section')
      return report.form.sections.find((s) => s.key === target.key)?.title ?? field;
    return t('reports.form.general');
  };

  const submit = async () => {
    setSubmitAttempted(true);
    if (errors.length > 0) {
      setErrorListOpen(true);
      return;
    }
    setSubmitting(true);
    const saved = await flush();
    setSubmitting(false);
    // No connection: the report waits on this device and is sent when it is back (issue 21).
    if (!saved && !navigator.onLine && userId !== undefined && typeof indexedDB !== 'undefined') {
      modal.confirm({
        title: t('offline.queueSubmitTitle'),
        content: t('offline.queueSubmitText'),
        okText: t('offline.queueSubmit'),
        cancelText: t('common.cancel'),
        onOk: () => putOutbox(queueSubmit(userId, { ...report, version: state.version() }, state.draft)),
      });
      return;
    }
    if (!saved) {
      message.error(t('reports.submit.saveFirst'));
      return;
    }
    modal.confirm({
      title: t('reports.submit.confirmTitle'),
      content: (
        <div>
          <p>{t('reports.submit.confirmText')}</p>
          {warnings.length > 0 && (
            <p className="field-issue--warning">
              {t('reports.submit.withWarnings', { count: warnings.length })}
            </p>
          )}
        </div>
      ),
      okText: t('reports.submit.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const submitted = await submitReport(report.id, state.version());
          clearStoredDraft(report.id);
          message.success(t('reports.submit.done'));
          onReportChanged(submitted);
        } catch (error) {
          const details =
            error instanceof ApiError ? (error.details as { issues?: TIssue[] } | undefined) : undefined;
          if (error instanceof ApiError && error.status === 400 && details?.issues) {
            setServerIssues(details.issues);
            setErrorListOpen(true);
          } else message.error(describe(error));
        }
      },
    });
  };

  const conflict = saveState.kind === 'conflict' ? saveState.current : null;
  const conflictEditable = conflict && isEditable(conflict.status);

  return (
    <div className="report-entry">
      {state.orphan && (
        <Alert
          type="warning"
          showIcon
          className="report-alert"
          title={t('reports.save.orphanTitle', { time: formatTimestamp(state.orphan.changedAt) })}
          description={
            <>
              {t('reports.save.orphanText')}
              <div className="report-alert__actions">
                <Button type="primary" onClick={state.applyOrphan}>
                  {t('reports.save.orphanUse')}
                </Button>
                <Button onClick={state.dropOrphan}>{t('reports.save.orphanDrop')}</Button>
              </div>
            </>
          }
        />
      )}
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="report-alert"
          data-testid="conflict-alert"
          title={t('reports.save.conflictTitle')}
          description={
            <>
              {conflictEditable ? t('reports.save.conflictText') : t('reports.save.conflictLocked')}
              <div className="report-alert__actions">
                <Button
                  type="primary"
                  onClick={() => {
                    if (conflictEditable) state.takeServer();
                    else {
                      clearStoredDraft(report.id);
                      onReportChanged(conflict);
                    }
                  }}
                >
                  {t('reports.save.conflictLoad')}
                </Button>
                {conflictEditable && (
                  <Button onClick={state.keepMine}>{t('reports.save.conflictKeep')}</Button>
                )}
              </div>
            </>
          }
        />
      )}
      {otherIssues.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="report-alert"
          title={otherIssues.map((i) => i.message).join(' ')}
        />
      )}

      {report.form.indicators.length > 0 && (
        <section className="report-block" aria-labelledby="report-indicators-title">
          <h2 className="report-block__title" id="report-indicators-title">
            {t('reports.form.indicatorsTitle')}
          </h2>
          <p className="reports-muted report-block__hint">{t('reports.form.requiredHint')}</p>
          {report.form.indicators.map((indicator) => (
            <IndicatorCard
              key={indicator.id}
              indicator={indicator}
              cells={cellsOf(draft, indicator)}
              previous={report.previousValues.filter((v) => v.indicatorId === indicator.id)}
              issuesOf={issuesOf}
              onCell={onCell(indicator.id)}
              onBlur={onBlur}
              readOnly={false}
            />
          ))}
        </section>
      )}

      <NarrativeSections
        sections={report.form.sections}
        narrative={draft.narrative}
        issuesOf={issuesOf}
        onChange={onNarrative}
        onBlur={onBlur}
        readOnly={false}
      />

      {report.form.allowAttachments && (
        <AttachmentsCard reportId={report.id} attachments={report.attachments} readOnly={false} />
      )}

      <section className="report-bar" aria-label={t('reports.form.actions')}>
        <div className="report-bar__status" aria-live="polite">
          <SaveStatus state={saveState} />
        </div>
        <div className="report-bar__buttons">
          <Button
            size="large"
            onClick={() => void flush()}
            disabled={saveState.kind === 'conflict'}
            loading={saveState.kind === 'saving'}
          >
            {t('reports.save.saveDraft')}
          </Button>
          <Button
            size="large"
            type="primary"
            icon={<SendOutlined aria-hidden />}
            loading={submitting}
            disabled={saveState.kind === 'conflict'}
            onClick={() => void submit()}
          >
            {t('reports.submit.button')}
          </Button>
        </div>
      </section>

      <LazyModal
        open={errorListOpen}
        title={t('reports.submit.errorsTitle', { count: errors.length })}
        onCancel={() => setErrorListOpen(false)}
        afterClose={() => {
          const field = pendingFocus ?? errors[0]?.field;
          if (field) focusIssueField(field, report);
          setPendingFocus(null);
        }}
        footer={
          <Button type="primary" onClick={() => setErrorListOpen(false)}>
            {t('reports.submit.fix')}
          </Button>
        }
      >
        <p>{t('reports.submit.errorsText')}</p>
        <ul className="issue-list" data-testid="submit-errors">
          {errors.map((issue) => (
            <li key={`${issue.field}|${issue.message}`} className="issue-list__item issue-list__item--error">
              <Button
                type="link"
                className="issue-list__link"
                onClick={() => {
                  setPendingFocus(issue.field);
                  setErrorListOpen(false);
                }}
              >
                <strong>{labelOf(issue.field)}</strong>: {issue.message}
              </Button>
            </li>
          ))}
        </ul>
        {warnings.length > 0 && (
          <>
            <p className="issue-list__warnings-title">{t('reports.submit.warningsTitle')}</p>
            <ul className="issue-list">
              {warnings.map((issue) => (
                <li
                  key={`${issue.field}|${issue.message}`}
                  className="issue-list__item issue-list__item--warning"
                >
                  <strong>{labelOf(issue.field)}</strong>: {issue.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </LazyModal>
    </div>
  );
}
