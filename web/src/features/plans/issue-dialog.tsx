import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../../contracts/plans.ts';
import { ApiError } from '../../api/client.ts';
import { fetchNextSymbol, issuePlan } from '../../api/plans.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { FormDialog } from '../../components/form-dialog.tsx';
import { todayIso } from '../../lib/format.ts';
import { lowerFirst } from '../../lib/text.ts';
import { PLAN_QUERY_KEY } from './plan-content.ts';

/** Record the number, symbol and date a signed draft was issued with. */
export function IssueDialog({
  plan,
  onClose,
  onIssued,
}: {
  plan: TPlan;
  onClose: () => void;
  onIssued: (plan: TPlan) => void;
}) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const [date, setDate] = useState<string | null>(todayIso());
  const [symbol, setSymbol] = useState('');
  const [edited, setEdited] = useState(false);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const suggestion = useQuery({
    queryKey: ['plans', plan.id, 'next-symbol', date?.slice(0, 4)],
    queryFn: () => fetchNextSymbol(plan.id, date ?? undefined),
    enabled: !!date,
  });

  useEffect(() => {
    if (!edited && suggestion.data) setSymbol(suggestion.data.symbol);
  }, [suggestion.data, edited]);

  async function save() {
    setTried(true);
    if (!date || symbol.trim().length < 3) return;
    setSaving(true);
    setError(null);
    try {
      const issued = await issuePlan(plan.id, {
        symbol: symbol.trim(),
        issuedOn: date,
        version: plan.version,
      });
      queryClient.setQueryData(PLAN_QUERY_KEY(plan.id), issued);
      onIssued(issued);
    } catch (caught) {
      setError(describe(caught));
      if (caught instanceof ApiError && caught.status === 409)
        await queryClient.invalidateQueries({ queryKey: PLAN_QUERY_KEY(plan.id) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormDialog
      title={t('plans.issue.title')}
      okText={t('plans.issue.ok')}
      saving={saving}
      error={error}
      onOk={() => void save()}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('plans.issue.help')}</Typography.Paragraph>
      <div className="dialog-form">
        <label htmlFor="issue-symbol" className="field-label">
          {t('plans.issue.symbol')}
        </label>
        <Input
          id="issue-symbol"
          value={symbol}
          onChange={(e) => {
            setEdited(true);
            setSymbol(e.target.value);
          }}
          status={tried && symbol.trim().length < 3 ? 'error' : undefined}
        />
        {suggestion.data && (
          <Typography.Text type="secondary" className="field-help">
            {t('plans.issue.suggested', { number: suggestion.data.number, symbol: suggestion.data.symbol })}
          </Typography.Text>
        )}
        {tried && symbol.trim().length < 3 && (
          <div className="login-field__error" role="alert">
            {t('common.required', { field: lowerFirst(t('plans.issue.symbol')) })}
          </div>
        )}
        <label htmlFor="issue-date" className="field-label">
          {t('plans.issue.date')}
        </label>
        <IsoDateInput id="issue-date" value={date} onChange={setDate} />
        {tried && !date && (
          <div className="login-field__error" role="alert">
            {t('common.requiredChoice', { field: lowerFirst(t('plans.issue.date')) })}
          </div>
        )}
      </div>
    </FormDialog>
  );
}
