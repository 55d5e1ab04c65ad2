import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TDiacriticsSuggestion } from '../../../../../contracts/document-parse.ts';
import type { TExtractedDocument } from '../../../../../contracts/plan-extract.ts';
import { applyRestoredFields, restoredFieldLabel } from './restored-fields.ts';

/** Fields listed before "and N more". */
const SHOWN = 6;

interface DiacriticsSuggestionProps {
  suggestion: TDiacriticsSuggestion;
  documents: TExtractedDocument[];
  onDocumentsChange: (documents: TExtractedDocument[]) => void;
}

/**
 * For a document read without diacritics: the restored texts of its fields beside the originals,
 * applied to the fields under review only when the officer presses “Dùng bản có dấu”.
 */
export function DiacriticsSuggestion({
  suggestion,
  documents,
  onDocumentsChange,
}: DiacriticsSuggestionProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<
    { kind: 'open' } | { kind: 'applied'; count: number } | { kind: 'dismissed' }
  >({
    kind: 'open',
  });
  const fields = suggestion.documents.flatMap((d, docIndex) => d.fields.map((f) => ({ ...f, docIndex })));
  if (state.kind === 'dismissed' || fields.length === 0) return null;
  if (state.kind === 'applied') {
    return (
      <Alert
        className="diacritics-suggestion"
        type="success"
        showIcon
        closable
        onClose={() => setState({ kind: 'dismissed' })}
        title={t('review.diacritics.applied', { count: state.count })}
      />
    );
  }

  function apply() {
    let count = 0;
    const next = documents.map((doc, i) => {
      const r = applyRestoredFields(doc, suggestion.documents[i]?.fields ?? []);
      count += r.applied;
      return r.doc;
    });
    onDocumentsChange(next);
    setState({ kind: 'applied', count });
  }

  const shown = fields.slice(0, SHOWN);
  return (
    <Alert
      className="diacritics-suggestion"
      data-testid="diacritics-suggestion"
      type="warning"
      showIcon
      title={t('review.diacritics.title')}
      description={
        <div>
          <Typography.Paragraph>
            {t('review.diacritics.help', { confidence: Math.round(suggestion.confidence * 100) })}
          </Typography.Paragraph>
          <dl className="diacritics-suggestion__fields">
            {shown.map((f) => (
              <div key={`${f.docIndex}-${f.key}`} className="diacritics-suggestion__field">
                <dt>{restoredFieldLabel(t, f.key)}</dt>
                <dd>
                  <Typography.Text className="diacritics-suggestion__original">{f.original}</Typography.Text>
                  <span aria-hidden> → </span>
                  <Typography.Text strong lang="vi">
                    {f.restored}
                  </Typography.Text>
                </dd>
              </div>
            ))}
          </dl>
          <details className="diacritics-suggestion__sample">
            <summary>{t('review.diacritics.sample')}</summary>
            <pre lang="vi">{suggestion.sample}</pre>
          </details>
          {fields.length > SHOWN && (
            <Typography.Paragraph>
              {t('review.diacritics.more', { count: fields.length - SHOWN })}
            </Typography.Paragraph>
          )}
          <Space wrap>
            <Button type="primary" onClick={apply} data-testid="use-accented">
              {t('review.diacritics.use')}
            </Button>
            <Button onClick={() => setState({ kind: 'dismissed' })}>{t('review.diacritics.dismiss')}</Button>
          </Space>
        </div>
      }
    />
  );
}
