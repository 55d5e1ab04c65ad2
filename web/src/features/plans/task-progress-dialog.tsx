import { useQueryClient } from '@tanstack/react-query';
import { Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { updatePlanTask } from '../../api/plans.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { PLAN_QUERY_KEY } from './plan-content.ts';
import type { TPlanTask } from './plan-types.ts';

type Settable = Exclude<TPlanTask['status'], 'overdue'>;

/** What the dialog needs of a task (from a plan, or from the task board). */
export type ProgressTask = Pick<TPlanTask, 'id' | 'version' | 'status' | 'progressNote' | 'text'>;

/** Report a task's progress: its status and a short note. */
export function TaskProgressDialog({
  planId,
  task,
  onClose,
  onSaved,
}: {
  planId: number;
  task: ProgressTask;
  onClose: () => void;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Settable>(task.status);
  const [note, setNote] = useState(task.progressNote ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const plan = await updatePlanTask(planId, task.id, {
        status,
        progressNote: note.trim() || null,
        version: task.version,
      });
      queryClient.setQueryData(PLAN_QUERY_KEY(planId), plan);
      onSaved?.();
      onClose();
    } catch (caught) {
      setError(describe(caught));
      if (caught instanceof ApiError && caught.status === 409)
        await queryClient.invalidateQueries({ queryKey: PLAN_QUERY_KEY(planId) });
      if (caught instanceof ApiError && caught.status === 409) onSaved?.();
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormDialog
      title={t('plans.progress.title')}
      okText={t('common.save')}
      saving={saving}
      error={error}
      onOk={() => void save()}
      onClose={onClose}
    >
      <Typography.Paragraph className="progress-task-text">{task.text}</Typography.Paragraph>
      <div className="dialog-form">
        <label htmlFor="task-status" className="field-label">
          {t('plans.progress.status')}
        </label>
        <Select
          id="task-status"
          value={status}
          onChange={setStatus}
          options={(['not_started', 'in_progress', 'done'] as const).map((s) => ({
            value: s,
            label: t(`plans.taskStatus.${s}`),
          }))}
        />
        <label htmlFor="task-note" className="field-label">
          {t('plans.progress.note')}
        </label>
        <Input.TextArea
          id="task-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={4000}
        />
      </div>
    </FormDialog>
  );
}
