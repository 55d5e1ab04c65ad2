import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  fetchDocument,
  fetchDocumentChain,
  type TDocumentCitedBy,
  type TDocumentReference,
} from '../../api/documents.api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { PageSpinner } from '../../components/page-spinner.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { documentPath, ROUTES } from '../../routes.ts';
import { DocumentChainTree } from './document-chain.tsx';
import { KnownByReferenceTag } from './known-by-reference-tag.tsx';

const relationTag = (t: (key: string) => string, relation: 'basis' | 'cited') => (
  <Tag className={relation === 'basis' ? 'relation-tag--basis' : undefined}>
    {t(`documents.relation.${relation}`)}
  </Tag>
);

/** A document of the registry: what is known of it, what it cites, what cites it, and its chain. */
export default function DocumentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const doc = useQuery({
    queryKey: ['documents', id],
    queryFn: ({ signal }) => fetchDocument(id, signal),
    enabled: id > 0,
  });
  const chain = useQuery({
    queryKey: ['documents', id, 'chain'],
    queryFn: ({ signal }) => fetchDocumentChain(id, signal),
    enabled: id > 0,
  });

  useEffect(() => {
    if (doc.data) document.title = `${doc.data.symbol ?? t('documents.noSymbol')} · ${t('app.name')}`;
  }, [doc.data, t]);

  if (doc.isPending) return <PageSpinner />;
  if (doc.isError) return <ErrorResult error={doc.error} onRetry={() => void doc.refetch()} />;
  const d = doc.data;

  return (
    <div className="document-page">
      <div className="page-header">
        <div className="page-header__title">
          <Button
            type="text"
            icon={<ArrowLeftOutlined aria-hidden />}
            aria-label={t('documents.back')}
            onClick={() => navigate(ROUTES.documents)}
          />
          <Typography.Title level={1}>{d.symbol ?? t('documents.noSymbol')}</Typography.Title>
          {d.knownByReference && <KnownByReferenceTag />}
        </div>
      </div>
      <div className="detail-grid">
        <Card title={t('documents.facts')} size="small">
          {d.knownByReference && (
            <Alert type="info" showIcon className="form-alert" title={t('documents.knownByReferenceText')} />
          )}
          <Descriptions
            className="doc-facts"
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'kind',
                label: t('documents.col.kind'),
                children: d.kind ? `${d.kind}` : t('common.none'),
              },
              { key: 'symbol', label: t('documents.col.symbol'), children: d.symbol ?? t('common.none') },
              { key: 'issuer', label: t('documents.col.issuer'), children: d.issuer ?? t('common.none') },
              {
                key: 'issuedOn',
                label: t('documents.col.issuedOn'),
                children: formatIsoDate(d.issuedOn) || t('common.none'),
              },
              ...(d.knownByReference
                ? []
                : [
                    { key: 'place', label: t('review.field.place'), children: d.place ?? t('common.none') },
                    { key: 'title', label: t('documents.col.title'), children: d.title ?? t('common.none') },
                    {
                      key: 'file',
                      label: t('documents.sourceFile'),
                      children: d.sourceFileName ?? t('common.none'),
                    },
                  ]),
            ]}
          />
        </Card>
        <Card title={t('documents.chainTitle')} size="small" data-testid="document-chain">
          {chain.isError ? (
            <ErrorResult error={chain.error} onRetry={() => void chain.refetch()} />
          ) : chain.data ? (
            <div className="chain-grid">
              <DocumentChainTree
                root={chain.data.up}
                title={t('documents.chainUp')}
                empty={t('documents.chainUpEmpty')}
                testId="chain-up"
              />
              <DocumentChainTree
                root={chain.data.down}
                title={t('documents.chainDown')}
                empty={t('documents.chainDownEmpty')}
                testId="chain-down"
              />
            </div>
          ) : (
            <PageSpinner />
          )}
        </Card>
      </div>
      {!d.knownByReference && (
        <Card title={t('documents.references')} size="small" className="section-card">
          <div className="table-scroll">
            <Table<TDocumentReference>
              size="small"
              rowKey={(r) => `${r.symbol}-${r.date ?? ''}`}
              dataSource={d.references}
              pagination={false}
              scroll={{ x: 640 }}
              locale={{ emptyText: t('documents.noReferences') }}
              columns={[
                {
                  key: 'symbol',
                  title: t('documents.col.symbol'),
                  className: 'nowrap',
                  render: (_, r) =>
                    r.documentId ? <Link to={documentPath(r.documentId)}>{r.symbol}</Link> : r.symbol,
                },
                {
                  key: 'date',
                  title: t('documents.col.issuedOn'),
                  className: 'nowrap',
                  render: (_, r) => formatIsoDate(r.date),
                },
                { key: 'issuer', title: t('documents.col.issuer'), render: (_, r) => r.issuer ?? '' },
                {
                  key: 'relation',
                  title: t('review.field.relation'),
                  render: (_, r) => relationTag(t, r.relation),
                },
              ]}
            />
          </div>
        </Card>
      )}
      <Card title={t('documents.referencedBy')} size="small" className="section-card">
        <div className="table-scroll">
          <Table<TDocumentCitedBy>
            size="small"
            rowKey="id"
            dataSource={d.referencedBy}
            pagination={false}
            scroll={{ x: 640 }}
            locale={{ emptyText: t('documents.noReferencedBy') }}
            columns={[
              {
                key: 'symbol',
                title: t('documents.col.symbol'),
                className: 'nowrap',
                render: (_, r) => <Link to={documentPath(r.id)}>{r.symbol ?? t('documents.noSymbol')}</Link>,
              },
              { key: 'title', title: t('documents.col.title'), render: (_, r) => r.title ?? '' },
              { key: 'issuer', title: t('documents.col.issuer'), render: (_, r) => r.issuer ?? '' },
              {
                key: 'date',
                title: t('documents.col.issuedOn'),
                className: 'nowrap',
                render: (_, r) => formatIsoDate(r.issuedOn),
              },
              {
                key: 'relation',
                title: t('review.field.relation'),
                render: (_, r) => relationTag(t, r.relation),
              },
            ]}
          />
        </div>
      </Card>
      {d.sourceText && (
        <Collapse
          className="section-card"
          items={[
            {
              key: 'source',
              label: t('documents.sourceText'),
              children: <div className="source-text">{d.sourceText}</div>,
            },
          ]}
        />
      )}
    </div>
  );
}
