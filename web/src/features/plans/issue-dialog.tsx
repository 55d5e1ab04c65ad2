import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSigner, TSignerAuthority } from '../../../../contracts/plan-extract.ts';
import { signerProblems, type TPlan } from '../../../../contracts/plans.ts';
import { ApiError } from '../../api/client.ts';
import { fetchNextSymbol, issuePlan } from '../../api/plans.api.ts';
import { useApiErrorText } from '../../components/api-error-text.ts';
import { IsoDateInput } from '../../components/fields/iso-date-input.tsx';
import { FormDialog } from '../../components/form-dialog.tsx';
import { todayIso } from '../../lib/format.ts';
import { lowerFirst } from '../../lib/text.ts';
import { PLAN_QUERY_KEY } from './plan-content.ts';

const AUTHORITIES: readonly TSignerAuthority[] = ['TM.', 'KT.', 'Q.', 'TL.'];
const NO_SIGNER: TSigner = { authority: null, on_behalf_of: null, title: null, name: null };
type SignerText = 'on_behalf_of' | 'title' | 'name';
const SIGNER_TEXTS: readonly SignerText[] = ['on_behalf_of', 'title', 'name'];

/**
 * Record the number, symbol, date and signer a signed draft was issued with. The signer block is
 * printed on the plan (Decree 30); the unit's last signer is offered, and the contract's rule
 * (`signerProblems`) says what is missing before anything is sent.
 */
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
  const [signer, setSigner] = useState<TSigner>(plan.signer ?? NO_SIGNER);
  const [signerEdited, setSignerEdited] = useState(false);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the server found the text written without diacritics: issuing it asks the officer's word
  const [unaccented, setUnaccented] = useState(false);
  const [acceptUnaccented, setAcceptUnaccented] = useState(false);
  const suggestion = useQuery({
    queryKey: ['plans', plan.id, 'next-symbol', date?.slice(0, 4)],
    queryFn: () => fetchNextSymbol(plan.id, date ?? undefined),
    enabled: !!date,
  });

  useEffect(() => {
    if (!edited && suggestion.data) setSymbol(suggestion.data.symbol);
  }, [suggestion.data, edited]);
  useEffect(() => {
    if (!signerEdited && suggestion.data?.signer) setSigner(suggestion.data.signer);
  }, [suggestion.data, signerEdited]);

  const problems = signerProblems(signer);
  const problemOf = (part: SignerText) => problems.find((p) => p.field === `signer.${part}`)?.detail;
  const editSigner = (patch: Partial<TSigner>) => {
    setSignerEdited(true);
    setSigner((current) => ({ ...current, ...patch }));
  };

  async function save() {
    setTried(true);
    if (!date || symbol.trim().length < 3 || problems.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      const issued = await issuePlan(plan.id, {
        symbol: symbol.trim(),
        issuedOn: date,
        version: plan.version,
        signer,
        ...(acceptUnaccented ? { acceptWithoutDiacritics: true } : {}),
      });
      queryClient.setQueryData(PLAN_QUERY_KEY(plan.id), issued);
      onIssued(issued);
    } catch (caught) {
      setError(describe(caught));
      if (caught instanceof ApiError && caught.code === 'plan_without_diacritics') setUnaccented(true);
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
        <fieldset className="issue-signer">
          <legend className="field-label">{t('plans.issue.signer')}</legend>
          <Typography.Text type="secondary" className="field-help">
            {t('plans.issue.signerHelp')}
          </Typography.Text>
          {(suggestion.data?.signers.length ?? 0) > 0 && (
            <>
              <label htmlFor="issue-signer-known" className="field-label">
                {t('plans.issue.signerKnown')}
              </label>
              <Select
                id="issue-signer-known"
                data-testid="issue-signer-known"
                placeholder={t('plans.issue.signerKnownPlaceholder')}
                value={knownIndex(suggestion.data!.signers, signer)}
                onChange={(index: number) => {
                  const chosen = suggestion.data!.signers[index];
                  if (chosen) editSigner(chosen);
                }}
                options={suggestion.data!.signers.map((s, index) => ({ value: index, label: signerLine(s) }))}
              />
            </>
          )}
          <label htmlFor="issue-signer-authority" className="field-label">
            {t('plans.issue.signer_authority')}
          </label>
          <Select
            id="issue-signer-authority"
            value={signer.authority ?? 'none'}
            onChange={(value: TSignerAuthority | 'none') =>
              editSigner({ authority: value === 'none' ? null : value })
            }
            options={[
              { value: 'none', label: t('plans.issue.authorityNone') },
              ...AUTHORITIES.map((a) => ({
                value: a,
                label: t(`plans.issue.authority.${a.replace('.', '')}`),
              })),
            ]}
          />
          {SIGNER_TEXTS.map((part) => {
            const problem = tried ? problemOf(part) : undefined;
            return (
              <div key={part}>
                <label htmlFor={`issue-signer-${part}`} className="field-label">
                  {t(`plans.issue.signer_${part}`)}
                </label>
                <Input
                  id={`issue-signer-${part}`}
                  value={signer[part] ?? ''}
                  placeholder={t(`plans.issue.placeholder_${part}`)}
                  status={problem ? 'error' : undefined}
                  onChange={(e) => editSigner({ [part]: e.target.value === '' ? null : e.target.value })}
                />
                {problem && (
                  <div className="login-field__error" role="alert">
                    {problem}
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
        {unaccented && (
          <Checkbox
            checked={acceptUnaccented}
            onChange={(e) => setAcceptUnaccented(e.target.checked)}
            data-testid="issue-accept-unaccented"
          >
            {t('plans.issue.acceptWithoutDiacritics')}
          </Checkbox>
        )}
      </div>
    </FormDialog>
  );
}

/** "TM. BAN CHẤP HÀNH — Chủ tịch — Lò Văn Minh": a signer as the block prints it, on one line. */
function signerLine(s: TSigner): string {
  const head = [s.authority, s.on_behalf_of].filter(Boolean).join(' ');
  return [head, s.title, s.name].filter(Boolean).join(' — ');
}

/** The index of the chosen signer among the known ones; none while the fields say someone else. */
function knownIndex(known: readonly TSigner[], signer: TSigner): number | undefined {
  const index = known.findIndex((s) => sameSigner(s, signer));
  return index < 0 ? undefined : index;
}

function sameSigner(a: TSigner, b: TSigner): boolean {
  return (
    a.authority === b.authority &&
    a.on_behalf_of === b.on_behalf_of &&
    a.title === b.title &&
    a.name === b.name
  );
}
