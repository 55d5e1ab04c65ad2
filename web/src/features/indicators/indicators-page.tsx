import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useDeferredValue, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TIndicator } from '../../../../contracts/reporting.ts';
import {
  CATALOGUE_QUERY_KEY,
  fetchIndicatorCatalogue,
  restoreIndicator,
  retireIndicator,
  type TIndicatorWithUse,
} from '../../api/indicators.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { useFeedback } from '../../components/feedback.tsx';
import { ChoiceFilter, SearchFilter } from '../../components/filter-field.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { formatNumber } from '../../lib/format.ts';
import { canManage, useSession } from '../auth/session.ts';
import { IndicatorDialog } from './indicator-dialog.tsx';
import './indicators.css';

type RetiredFilter = 'exclude' | 'include' | 'only';

const inUse = (i: TIndicatorWithUse) => i.use.targets + i.use.forms + i.use.reports > 0;

/**
 * "Chỉ số": every indicator the organisation measures, found by words of its name or code
 * (diacritics optional), made, corrected and retired here; binding a target and making a form
 * offer the ones in use.
 */
export default function IndicatorsPage() {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const describe = useApiErrorText();
  const queryClient = useQueryClient();
  const session = useSession();
  const manager = canManage(session.data?.user.role);
  const [text, setText] = useState('');
  const q = useDeferredValue(text);
  const [retired, setRetired] = useState<RetiredFilter>('exclude');
  const [editing, setEditing] = useState<TIndicatorWithUse | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const catalogue = useQuery({
    queryKey: [...CATALOGUE_QUERY_KEY, q, retired],
    queryFn: ({ signal }) => fetchIndicatorCatalogue({ q, retired }, signal),
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    document.title = `${t('indicators.title')} · ${t('app.name')}`;
  }, [t]);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['indicators'] }),
      queryClient.invalidateQueries({ queryKey: ['reports', 'indicators'] }),
    ]);

  async function toggleRetired(indicator: TIndicatorWithUse) {
    setBusy(indicator.id);
    setError(null);
    try {
      if (indicator.retiredAt) {
        await restoreIndicator(indicator.id, indicator.version);
        void message.success(t('indicators.restored', { name: indicator.name }));
      } else {
        await retireIndicator(indicator.id, indicator.version);
        void message.success(t('indicators.retired', { name: indicator.name }));
      }
      await refresh();
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(null);
    }
  }

  function saved(indicator: TIndicator) {
    setEditing(null);
    void message.success(t('indicators.saved', { name: indicator.name, code: indicator.code }));
    void refresh();
  }

  return (
    <div className="indicators-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('indicators.title')}</Typography.Title>
          <PageHelp topic="indicators" />
        </div>
        {manager && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('indicators.create')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t('indicators.intro')}</Typography.Paragraph>
      <div className="filters">
        <SearchFilter
          label={t('indicators.search')}
          value={text}
          onChange={setText}
          placeholder={t('indicators.searchPlaceholder')}
        />
        <ChoiceFilter<RetiredFilter>
          label={t('indicators.show')}
          value={retired}
          onChange={(value) => setRetired(value ?? 'exclude')}
          placeholder={t('indicators.showInUse')}
          options={[
            { value: 'exclude', label: t('indicators.showInUse') },
            { value: 'include', label: t('indicators.showAll') },
            { value: 'only', label: t('indicators.showRetired') },
          ]}
        />
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error}
          closable={{ onClose: () => setError(null) }}
          className="form-alert"
        />
      )}
      {catalogue.isError ? (
        <ErrorResult error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : (
        <div className="table-scroll">
          <Table<TIndicatorWithUse>
            size="small"
            rowKey="id"
            loading={catalogue.isPending}
            dataSource={catalogue.data?.indicators ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 820 }}
            locale={{ emptyText: t('indicators.empty') }}
            columns={[
              {
                key: 'name',
                title: t('indicators.field.name'),
                render: (_, row) => (
                  <>
                    <div className="indicator-name">{row.name}</div>
                    <Typography.Text type="secondary">{row.code}</Typography.Text>
                  </>
                ),
              },
              {
                key: 'kind',
                title: t('indicators.field.kind'),
                className: 'nowrap',
                render: (_, row) => t(`reports.indicator.kinds.${row.kind}`),
              },
              {
                key: 'unit',
                title: t('indicators.field.unit'),
                className: 'nowrap',
                render: (_, row) => row.unit ?? '—',
              },
              {
                key: 'use',
                title: t('indicators.use.title'),
                render: (_, row) =>
                  inUse(row)
                    ? t('indicators.use.line', {
                        targets: formatNumber(row.use.targets),
                        forms: formatNumber(row.use.forms),
                        reports: formatNumber(row.use.reports),
                      })
                    : t('indicators.use.none'),
              },
              {
                key: 'state',
                title: t('indicators.state'),
                className: 'nowrap',
                render: (_, row) =>
                  row.retiredAt ? (
                    <Tag className="indicator-state">{t('indicators.isRetired')}</Tag>
                  ) : (
                    <Tag className="indicator-state indicator-state--active">{t('indicators.isActive')}</Tag>
                  ),
              },
              ...(manager
                ? [
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      className: 'nowrap',
                      render: (_: unknown, row: TIndicatorWithUse) => (
                        <Space size="small">
                          <Button
                            size="small"
                            onClick={() => setEditing(row)}
                            aria-label={t('indicators.editOne', { name: row.name })}
                          >
                            {t('common.edit')}
                          </Button>
                          <Button
                            size="small"
                            loading={busy === row.id}
                            onClick={() => void toggleRetired(row)}
                            aria-label={
                              row.retiredAt
                                ? t('indicators.restoreOne', { name: row.name })
                                : t('indicators.retireOne', { name: row.name })
                            }
                          >
                            {row.retiredAt ? t('indicators.restore') : t('indicators.retire')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      )}
      {editing !== null && (
        <IndicatorDialog
          {...(editing === 'new' ? {} : { indicator: editing, inUse: inUse(editing) })}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      )}
    </div>
  );
}
