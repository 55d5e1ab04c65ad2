import { CheckOutlined, RollbackOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReport } from '../../../../contracts/reporting.ts';
import { approveReport, returnReport, unlockReport } from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { useFeedback } from '../../components/feedback.tsx';
import { LazyModal } from '../../components/lazy-overlay.tsx';

const MIN_REASON = 3;

/** A reason is required: returning and unlocking tell the unit what to correct. */
function ReasonDialog({
  open,
  title,
  label,
  okText,
  danger,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  danger?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const id = useId();
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const tooShort = reason.trim().length < MIN_REASON;
  return (
    <LazyModal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: pending }}
      destroyOnHidden
      afterClose={() => {
        setReason('');
        setShown(false);
        setError(null);
      }}
      onCancel={onCancel}
      onOk={async () => {
        setShown(true);
        if (tooShort) {
          document.getElementById(id)?.focus();
          return;
        }
        setPending(true);
        setError(null);
        try {
          await onSubmit(reason.trim());
        } catch (e) {
          setError(describe(e));
        } finally {
          setPending(false);
        }
      }}
    >
      <label htmlFor={id} className="field-label">
        {label} <span className="required-mark">*</span>
      </label>
      <Input.TextArea
        id={id}
        value={reason}
        autoFocus
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        status={shown && tooShort ? 'error' : undefined}
        aria-invalid={shown && tooShort ? true : undefined}
        aria-describedby={shown && tooShort ? `${id}-error` : undefined}
        aria-required
        onChange={(e) => setReason(e.target.value)}
      />
      {shown && tooShort && (
        <p id={`${id}-error`} className="field-issue field-issue--error">
          {t('reports.review.reasonRequired')}
        </p>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} className="report-alert" />}
    </LazyModal>
  );
}

/** The level above: approve (lock) or return with a reason; a manager above can unlock an approved report. */
export function ReviewActions({
  report,
  canReview,
  canUnlock,
  onReportChanged,
}: {
  report: TReport;
  canReview: boolean;
  canUnlock: boolean;
  onReportChanged: (report: TReport) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = useFeedback();
  const describe = useApiErrorText();
  const [dialog, setDialog] = useState<'return' | 'unlock' | null>(null);
  const approve = useMutation({
    mutationFn: () => approveReport(report.id, report.version),
    onSuccess: (updated) => {
      message.success(t('reports.review.approved'));
      onReportChanged(updated);
    },
    onError: (error) => message.error(describe(error)),
  });
  if (!canReview && !canUnlock) return null;
  return (
    <>
      <section className="report-bar report-bar--review" aria-label={t('reports.review.actions')}>
        <div className="report-bar__status">
          {canReview ? t('reports.review.prompt') : t('reports.review.unlockPrompt')}
        </div>
        <div className="report-bar__buttons">
          {canReview && (
            <>
              <Button
                size="large"
                danger
                icon={<RollbackOutlined aria-hidden />}
                onClick={() => setDialog('return')}
              >
                {t('reports.review.return')}
              </Button>
              <Button
                size="large"
                type="primary"
                icon={<CheckOutlined aria-hidden />}
                loading={approve.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('reports.review.approveTitle'),
                    content: t('reports.review.approveText', { unit: report.unitName }),
                    okText: t('reports.review.approve'),
                    cancelText: t('common.cancel'),
                    onOk: () => approve.mutateAsync().catch(() => undefined),
                  })
                }
              >
                {t('reports.review.approve')}
              </Button>
            </>
          )}
          {canUnlock && (
            <Button size="large" icon={<UnlockOutlined aria-hidden />} onClick={() => setDialog('unlock')}>
              {t('reports.review.unlock')}
            </Button>
          )}
        </div>
      </section>
      <ReasonDialog
        open={dialog === 'return'}
        title={t('reports.review.returnTitle', { unit: report.unitName })}
        label={t('reports.review.reason')}
        okText={t('reports.review.return')}
        danger
        onCancel={() => setDialog(null)}
        onSubmit={async (reason) => {
          const updated = await returnReport(report.id, reason, report.version);
          setDialog(null);
          message.success(t('reports.review.returned'));
          onReportChanged(updated);
        }}
      />
      <ReasonDialog
        open={dialog === 'unlock'}
        title={t('reports.review.unlockTitle', { unit: report.unitName })}
        label={t('reports.review.unlockReason')}
        okText={t('reports.review.unlock')}
        onCancel={() => setDialog(null)}
        onSubmit={async (reason) => {
          const updated = await unlockReport(report.id, reason, report.version);
          setDialog(null);
          message.success(t('reports.review.unlocked'));
          onReportChanged(updated);
        }}
      />
    </>
  );
}
