import { DownloadOutlined, FileAddOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Card, Grid, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TParseResult } from '../../../../../contracts/document-parse.ts';
import type { TExtractedDocument, TPlanExtract } from '../../../../../contracts/plan-extract.ts';
import { saveBlob } from '../../../lib/save-file.ts';
import { foldSource } from '../../../lib/source-spans.ts';
import { planPath } from '../../../routes.ts';
import { fieldDomId } from '../../plan-content/field-kit.ts';
import { DiacriticsSuggestion } from './diacritics-suggestion.tsx';
import { ExtractChecks } from './extract-checks.tsx';
import { ExtractEditor } from './extract-editor.tsx';
import { findFieldSpans, findUncertainties } from './extract-fields.ts';
import { SavePlanDialog } from './save-plan-dialog.tsx';
import { SourceTextView } from './source-text-view.tsx';

interface ReviewScreenProps {
  result: TParseResult;
  sourceFileName: string;
  documents: TExtractedDocument[];
  onDocumentsChange: (documents: TExtractedDocument[]) => void;
  onReset: () => void;
}

function jsonFileName(source: string): string {
  const base = source.replace(/\.[^.]+$/, '') || 'van-ban';
  return `${base}.plan-extract.json`;
}

/** Side by side: the source with highlights, and the extracted fields to correct and save. */
export function ReviewScreen({
  result,
  sourceFileName,
  documents,
  onDocumentsChange,
  onReset,
}: ReviewScreenProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isWide = Grid.useBreakpoint().lg === true;
  const [active, setActive] = useState(0);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const sourcePane = useRef<HTMLDivElement>(null);
  const folded = useMemo(() => foldSource(result.text), [result.text]);
  const doc = documents[active] ?? documents[0];

  const spansByDoc = useMemo(() => documents.map((d) => findFieldSpans(folded, d)), [documents, folded]);
  const doubtsByDoc = useMemo(
    () =>
      documents.map((d, i) => {
        const doubts = findUncertainties(t, d, spansByDoc[i] ?? new Map(), result.text.trim() !== '');
        // the reader's own reason, where it has one, says more than "empty"
        for (const c of result.checks?.[i] ?? [])
          doubts.set(c.field, t(`review.checks.reason.${c.reason}`, { defaultValue: c.reason }));
        return doubts;
      }),
    [documents, spansByDoc, t, result.text, result.checks],
  );
  const spans = spansByDoc[active] ?? new Map();
  const located = useMemo(() => new Set(spans.keys()), [spans]);

  /** Bring the highlight of `key` into view: inside the pane on wide screens, the page on phones. */
  const locate = useCallback(
    (key: string, paneOnly = false) => {
      setActiveKey(key);
      const pane = sourcePane.current;
      const mark = pane?.querySelector<HTMLElement>(`mark[data-start~="${CSS.escape(key)}"]`);
      if (!pane || !mark) return;
      if (isWide) {
        const top = mark.offsetTop - pane.offsetTop - pane.clientHeight / 3;
        pane.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
      } else if (!paneOnly) {
        mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
      }
    },
    [isWide],
  );

  const pick = useCallback(
    (key: string) => {
      setActiveKey(key);
      const field = document.getElementById(fieldDomId(active, key));
      field?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      field?.focus({ preventScroll: true });
    },
    [active],
  );

  function exportJson() {
    const extract: TPlanExtract = { format: 'plan-extract/v1', source: sourceFileName, documents };
    saveBlob(
      new Blob([`${JSON.stringify(extract, null, 2)}\n`], { type: 'application/json' }),
      jsonFileName(sourceFileName),
    );
  }

  if (!doc) return null;
  const doubtCount = doubtsByDoc.reduce((sum, d) => sum + d.size, 0);
  const editorFor = (index: number) => (
    <ExtractEditor
      docIndex={index}
      doc={documents[index] as TExtractedDocument}
      onChange={(next) => onDocumentsChange(documents.map((d, i) => (i === index ? next : d)))}
      doubts={doubtsByDoc[index] ?? new Map()}
      located={index === active ? located : new Set()}
      onLocate={(key) => locate(key)}
    />
  );

  return (
    <div className="review" data-testid="review">
      <div className="review__bar">
        <div className="review__summary">
          <Typography.Text strong>{sourceFileName}</Typography.Text>
          <Typography.Text type="secondary">
            {t('review.summary', {
              documents: documents.length,
              found: spans.size,
              ms: Math.round(result.elapsedMs),
            })}
          </Typography.Text>
          {doubtCount > 0 ? (
            <Tag className="uncertain-badge">{t('review.doubtCount', { count: doubtCount })}</Tag>
          ) : (
            <Tag className="status-tag--active">{t('review.noDoubts')}</Tag>
          )}
        </div>
        <Space wrap>
          <Button icon={<FileAddOutlined aria-hidden />} onClick={onReset}>
            {t('review.readAnother')}
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={exportJson}>
            {t('review.exportJson')}
          </Button>
          <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={() => setSaving(true)}>
            {t('review.saveAsPlan')}
          </Button>
        </Space>
      </div>
      <ExtractChecks checks={result.checks?.[active] ?? []} onPick={pick} />
      {result.diacritics && (
        <DiacriticsSuggestion
          suggestion={result.diacritics}
          documents={documents}
          onDocumentsChange={onDocumentsChange}
        />
      )}
      <div className="review__panes">
        <Card className="review__source" title={t('review.sourceTitle')} size="small">
          <section
            className="review__source-scroll"
            ref={sourcePane}
            data-testid="source-pane"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling pane must be reachable by keyboard
            tabIndex={0}
            aria-label={t('review.sourceTitle')}
          >
            <SourceTextView text={result.text} spans={spans} activeKey={activeKey} onPick={pick} />
          </section>
        </Card>
        <Card className="review__fields" title={t('review.fieldsTitle')} size="small">
          <div
            className="review__fields-scroll"
            onFocusCapture={(event) => {
              const key = (event.target as HTMLElement)
                .closest('[data-field-key]')
                ?.getAttribute('data-field-key');
              if (key && located.has(key)) locate(key, true);
            }}
          >
            {documents.length > 1 ? (
              <Tabs
                activeKey={String(active)}
                onChange={(key) => {
                  setActive(Number(key));
                  setActiveKey(null);
                }}
                items={documents.map((d, i) => ({
                  key: String(i),
                  label: d.symbol ?? t('review.documentN', { n: i + 1 }),
                  children: editorFor(i),
                }))}
              />
            ) : (
              editorFor(0)
            )}
          </div>
        </Card>
      </div>
      {saving && (
        <SavePlanDialog
          document={doc}
          sourceText={result.text}
          sourceFileName={sourceFileName}
          onClose={() => setSaving(false)}
          onSaved={(plan) => {
            setSaving(false);
            // a reading whose only document is saved is done: the next visit starts a new one
            if (documents.length === 1) onReset();
            navigate(planPath(plan.id));
          }}
        />
      )}
    </div>
  );
}
