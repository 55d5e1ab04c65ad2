import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TIssue, TReport } from '../../../../contracts/reporting.ts';
import { PlainCard } from '../../components/plain-card.tsx';
import { IssueText } from './indicator-card.tsx';
import { inputIdOf, narrativeField } from './report-draft.ts';

type Section = TReport['form']['sections'][number];

/** The written part of the report: one text box per section of the form, required ones marked. */
export function NarrativeSections({
  sections,
  narrative,
  issuesOf,
  onChange,
  onBlur,
  readOnly,
}: {
  sections: readonly Section[];
  narrative: Record<string, string>;
  issuesOf: (field: string) => TIssue[];
  onChange: (key: string, text: string) => void;
  onBlur: () => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  if (sections.length === 0) return null;
  return (
    <section className="report-block" aria-labelledby="report-narrative-title">
      <h2 className="report-block__title" id="report-narrative-title">
        {t('reports.form.narrativeTitle')}
      </h2>
      {sections.map((section) => {
        const field = narrativeField(section.key);
        const id = inputIdOf(field);
        const issues = issuesOf(field);
        const status = issues.some((i) => i.severity === 'error')
          ? 'error'
          : issues.length > 0
            ? 'warning'
            : undefined;
        const text = narrative[section.key] ?? '';
        return (
          <PlainCard key={section.key} className="narrative-card">
            {readOnly ? (
              <>
                <h3 className="narrative-card__title">{section.title}</h3>
                <p className="narrative-card__text">{text.trim() ? text : t('reports.form.notWritten')}</p>
              </>
            ) : (
              <>
                <label htmlFor={id} className="narrative-card__title">
                  {section.title}
                  {section.required && (
                    <span className="required-mark" title={t('reports.form.required')}>
                      {' '}
                      *<span className="visually-hidden">{t('reports.form.required')}</span>
                    </span>
                  )}
                </label>
                <Input.TextArea
                  id={id}
                  value={text}
                  status={status}
                  aria-invalid={status === 'error' ? true : undefined}
                  aria-describedby={issues.length > 0 ? `${id}-issues` : undefined}
                  aria-required={section.required || undefined}
                  autoSize={{ minRows: 3, maxRows: 14 }}
                  maxLength={50_000}
                  placeholder={t('reports.form.narrativePlaceholder')}
                  onChange={(e) => onChange(section.key, e.target.value)}
                  onBlur={onBlur}
                />
                <div id={`${id}-issues`}>
                  <IssueText issues={issues} />
                </div>
              </>
            )}
          </PlainCard>
        );
      })}
    </section>
  );
}
