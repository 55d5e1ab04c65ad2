import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TDocumentChainNode } from '../../api/documents.api.ts';
import { formatIsoDate } from '../../lib/format.ts';
import { documentPath } from '../../routes.ts';
import { KnownByReferenceTag } from './known-by-reference-tag.tsx';

function NodeLabel({ node, current }: { node: TDocumentChainNode; current: boolean }) {
  const { t } = useTranslation();
  const symbol = node.symbol ?? t('documents.noSymbol');
  return (
    <div className="chain-node__label">
      {current ? (
        <strong aria-current="page">{symbol}</strong>
      ) : (
        <Link to={documentPath(node.id)} className="chain-node__link">
          {symbol}
        </Link>
      )}
      {node.issuedOn && <span className="chain-node__meta">{formatIsoDate(node.issuedOn)}</span>}
      {node.issuer && <span className="chain-node__meta">{node.issuer}</span>}
      {node.knownByReference && <KnownByReferenceTag />}
      {node.title && <div className="chain-node__title">{node.title}</div>}
    </div>
  );
}

function ChainList({ nodes }: { nodes: TDocumentChainNode[] }) {
  return (
    <ul className="chain-list">
      {nodes.map((node) => (
        <li key={node.id} className="chain-node" data-testid="chain-node">
          <NodeLabel node={node} current={false} />
          {node.children.length > 0 && <ChainList nodes={node.children} />}
        </li>
      ))}
    </ul>
  );
}

/** One direction of the chain: the document at the root, what it implements or what implements it. */
export function DocumentChainTree({
  root,
  title,
  empty,
  testId,
}: {
  root: TDocumentChainNode;
  title: string;
  empty: string;
  testId: string;
}) {
  return (
    <section className="chain" data-testid={testId}>
      <Typography.Title level={2} className="detail-section__title">
        {title}
      </Typography.Title>
      <ul className="chain-list chain-list--root">
        <li className="chain-node">
          <NodeLabel node={root} current />
          {root.children.length > 0 ? (
            <ChainList nodes={root.children} />
          ) : (
            <p className="chain-empty">{empty}</p>
          )}
        </li>
      </ul>
    </section>
  );
}
