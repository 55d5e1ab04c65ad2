import { FileSearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Table, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { searchDocuments, type TDocumentSummary } from '../../api/documents.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { FilterField } from '../../components/filter-field.tsx';
import { PageHelp } from '../../components/page-help.tsx';
import { DOCUMENT_KINDS } from '../../lib/domain-lists.ts';
import { DISPLAY_DATE_FORMAT, formatIsoDate, fromIsoDate, toIsoDate } from '../../lib/format.ts';
import { documentPath, ROUTES } from '../../routes.ts';
import { KnownByReferenceTag } from './known-by-reference-tag.tsx';

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** The document registry: search by symbol or title words (accents optional), kind and date. */
export default function DocumentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const kind = params.get('loai') ?? undefined;
  const from = params.get('tu') ?? undefined;
  const to = params.get('den') ?? undefined;
  const debounced = useDebounced(q.trim(), 300);
  const searchId = useId();
  const kindId = useId();
  const rangeId = useId();

  useEffect(() => {
    document.title = `${t('documents.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  useEffect(() => {
    setParams(
      (current) => {
        if ((current.get('q') ?? '') === debounced) return current;
        const next = new URLSearchParams(current);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  const found = useQuery({
    queryKey: ['documents', 'search', debounced, kind, from, to],
    queryFn: ({ signal }) => searchDocuments({ q: debounced, kind, from, to }, signal),
    placeholderData: (previous) => previous,
  });

  return (
    <div className="documents-page">
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={1}>{t('documents.pageTitle')}</Typography.Title>
          <PageHelp topic="documents" />
        </div>
        <Button
          type="primary"
          icon={<FileSearchOutlined aria-hidden />}
          onClick={() => navigate(ROUTES.documentRead, { state: { fresh: true } })}
        >
          {t('documents.readNew')}
        </Button>
      </div>
      <Card>
        <div className="filters">
          <FilterField label={t('documents.search')} htmlFor={searchId} grow>
            <Input.Search
              id={searchId}
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder={t('documents.searchPlaceholder')}
              allowClear
              enterButton={false}
            />
          </FilterField>
          <FilterField label={t('documents.kindLabel')} htmlFor={kindId}>
            <Select
              id={kindId}
              allowClear
              value={kind}
              placeholder={t('documents.allKinds')}
              onChange={(value) => update({ loai: value })}
              options={DOCUMENT_KINDS.map((k) => ({ value: k, label: `${k} — ${t(`documents.kind.${k}`)}` }))}
              className="filters__select"
              popupMatchSelectWidth={false}
            />
          </FilterField>
          <FilterField label={t('documents.dateRange')} htmlFor={rangeId}>
            <DatePicker.RangePicker
              id={{ start: rangeId }}
              format={DISPLAY_DATE_FORMAT}
              allowEmpty={[true, true]}
              value={[from ? fromIsoDate(from) : null, to ? fromIsoDate(to) : null]}
              onChange={(range) =>
                update({
                  tu: range?.[0] ? toIsoDate(range[0]) : undefined,
                  den: range?.[1] ? toIsoDate(range[1]) : undefined,
                })
              }
              placeholder={[t('common.from'), t('common.to')]}
            />
          </FilterField>
        </div>
        {found.isError ? (
          <ErrorResult error={found.error} onRetry={() => void found.refetch()} />
        ) : (
          <div className="table-scroll">
            <Table<TDocumentSummary>
              size="small"
              rowKey="id"
              loading={found.isFetching}
              dataSource={found.data ?? []}
              scroll={{ x: 820 }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="documents-table"
              locale={{ emptyText: t('documents.empty') }}
              columns={[
                {
                  key: 'symbol',
                  title: t('documents.col.symbol'),
                  className: 'nowrap',
                  render: (_, d) => (
                    <Link to={documentPath(d.id)}>{d.symbol ?? t('documents.noSymbol')}</Link>
                  ),
                },
                {
                  key: 'kind',
                  title: t('documents.col.kind'),
                  dataIndex: 'kind',
                  className: 'nowrap',
                  render: (k: string | null) => k ?? '',
                },
                {
                  key: 'title',
                  title: t('documents.col.title'),
                  render: (_, d) => (
                    <span className="doc-title-cell">
                      {d.title ?? ''}
                      {d.knownByReference && <KnownByReferenceTag />}
                    </span>
                  ),
                },
                {
                  key: 'issuer',
                  title: t('documents.col.issuer'),
                  dataIndex: 'issuer',
                  render: (v: string | null) => v ?? '',
                },
                {
                  key: 'issuedOn',
                  title: t('documents.col.issuedOn'),
                  dataIndex: 'issuedOn',
                  className: 'nowrap',
                  render: (v: string | null) => formatIsoDate(v),
                },
              ]}
            />
          </div>
        )}
      </Card>
    </div>
  );
}
