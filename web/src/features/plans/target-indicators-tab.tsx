import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  bindTargetIndicator,
  fetchIndicatorSuggestions,
  fetchIndicators,
  type TTargetSuggestions,
} from '../../api/reports.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { useFeedback } from '../../components/feedback.tsx';
import { PageSpinner } from '../../components/page-spinner.tsx';
import { foldedSelectSearch } from '../../lib/text.ts';
import { canManage, useSession } from '../auth/session.ts';
import { IndicatorDialog } from '../indicators/indicator-dialog.tsx';

const SUGGESTIONS_KEY = (planId: number) => ['plans', planId, 'indicator-suggestions'] as const;

/**
 * Which indicator measures each target: the system suggests one from the target's words; a
 * person confirms it or picks another (the dashboards and reports follow the confirmed one).
 */
export function TargetIndicatorsTab({ planId, canConfirm }: { planId: number; canConfirm: boolean }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const suggestions = useQuery({
    queryKey: SUGGESTIONS_KEY(planId),
    queryFn: ({ signal }) => fetchIndicatorSuggestions(planId, signal),
  });
  const indicators = useQuery({ queryKey: ['indicators'], queryFn: ({ signal }) => fetchIndicators(signal) });
  const [chosen, setChosen] = useState<Record<number, number>>({});
  const [saving, setSaving] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creatingFor, setCreatingFor] = useState<TTargetSuggestions | null>(null);
  const session = useSession();
  const canCreate = canConfirm && canManage(session.data?.user.role);

  if (suggestions.isPending || indicators.isPending) return <PageSpinner />;
  if (suggestions.isError)
    return <ErrorResult error={suggestions.error} onRetry={() => void suggestions.refetch()} />;
  if (indicators.isError)
    return <ErrorResult error={indicators.error} onRetry={() => void indicators.refetch()} />;

  const names = new Map(indicators.data.map((i) => [i.id, i.name]));
  const choiceOf = (row: TTargetSuggestions): number | undefined =>
    chosen[row.targetId] ?? row.boundIndicatorId ?? row.suggestions[0]?.indicator.id;

  async function confirm(row: TTargetSuggestions, chosenId?: number) {
    const indicatorId = chosenId ?? choiceOf(row);
    if (indicatorId === undefined) return;
    setSaving(row.targetId);
    setError(null);
    try {
      await bindTargetIndicator(planId, row.targetId, indicatorId);
      await queryClient.invalidateQueries({ queryKey: SUGGESTIONS_KEY(planId) });
      setChosen(({ [row.targetId]: _done, ...rest }) => rest);
      void message.success(t('plans.indicators.confirmed'));
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setSaving(null);
    }
  }

  return (
    <div data-testid="target-indicators">
      <Typography.Paragraph type="secondary">{t('plans.indicators.help')}</Typography.Paragraph>
      {indicators.data.length === 0 && (
        <Alert type="info" showIcon className="form-alert" title={t('plans.indicators.noIndicators')} />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setError(null) }}
          title={error}
          role="alert"
          className="form-alert"
        />
      )}
      <div className="table-scroll">
        <Table<TTargetSuggestions>
          size="small"
          rowKey="targetId"
          dataSource={suggestions.data}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('plans.indicators.noTargets') }}
          columns={[
            {
              key: 'n',
              title: '#',
              className: 'nowrap',
              render: (_, row) => suggestions.data.indexOf(row) + 1,
            },
            { key: 'text', title: t('plans.indicators.col.target'), dataIndex: 'text' },
            {
              key: 'suggested',
              title: t('plans.indicators.col.suggested'),
              render: (_, row) => {
                const top = row.suggestions[0];
                return top ? (
                  <>
                    <div>{top.indicator.name}</div>
                    <Typography.Text type="secondary">
                      {t('plans.indicators.match', { percent: Math.round(top.score * 100) })}
                    </Typography.Text>
                  </>
                ) : (
                  <Typography.Text type="secondary">{t('plans.indicators.noSuggestion')}</Typography.Text>
                );
              },
            },
            {
              key: 'indicator',
              title: t('plans.indicators.col.indicator'),
              width: 320,
              render: (_, row) => {
                const value = choiceOf(row);
                const id = `target-indicator-${row.targetId}`;
                return canConfirm ? (
                  <>
                    <label htmlFor={id} className="visually-hidden">
                      {t('plans.indicators.chooseFor', { n: suggestions.data.indexOf(row) + 1 })}
                    </label>
                    <Select
                      id={id}
                      className="target-indicators__select"
                      value={value}
                      placeholder={t('plans.indicators.choose')}
                      showSearch={foldedSelectSearch}
                      onChange={(next: number) => setChosen((c) => ({ ...c, [row.targetId]: next }))}
                      options={indicators.data
                        .filter((i) => !i.retiredAt || i.id === value)
                        .map((i) => ({ value: i.id, label: i.name }))}
                    />
                    {canCreate && (
                      <Button
                        type="link"
                        size="small"
                        icon={<PlusOutlined aria-hidden />}
                        className="target-indicators__create"
                        onClick={() => setCreatingFor(row)}
                        aria-label={t('plans.indicators.createFor', { n: suggestions.data.indexOf(row) + 1 })}
                      >
                        {t('plans.indicators.create')}
                      </Button>
                    )}
                  </>
                ) : row.boundIndicatorId !== null ? (
                  (names.get(row.boundIndicatorId) ?? '')
                ) : (
                  t('common.none')
                );
              },
            },
            {
              key: 'state',
              title: t('plans.indicators.col.state'),
              className: 'nowrap',
              render: (_, row) => {
                const value = choiceOf(row);
                const confirmed = row.boundIndicatorId !== null && row.boundIndicatorId === value;
                if (confirmed)
                  return (
                    <Tag className="task-status task-status--done" icon={<CheckOutlined aria-hidden />}>
                      {t('plans.indicators.isConfirmed')}
                    </Tag>
                  );
                if (!canConfirm || value === undefined)
                  return <Tag className="task-status">{t('plans.indicators.unconfirmed')}</Tag>;
                return (
                  <Button
                    size="small"
                    type="primary"
                    loading={saving === row.targetId}
                    onClick={() => void confirm(row)}
                    aria-label={t('plans.indicators.confirmFor', { n: suggestions.data.indexOf(row) + 1 })}
                  >
                    {row.boundIndicatorId === null
                      ? t('plans.indicators.confirm')
                      : t('plans.indicators.change')}
                  </Button>
                );
              },
            },
          ]}
        />
      </div>
      {creatingFor && (
        <IndicatorDialog
          initialName={creatingFor.text}
          onClose={() => setCreatingFor(null)}
          onSaved={(indicator) => {
            const row = creatingFor;
            setCreatingFor(null);
            void queryClient.invalidateQueries({ queryKey: ['indicators'] });
            void confirm(row, indicator.id);
          }}
        />
      )}
    </div>
  );
}
