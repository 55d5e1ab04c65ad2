import { Alert, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TExtractedDocument } from '../../../../../contracts/plan-extract.ts';
import type { TPlan } from '../../../../../contracts/plans.ts';
import { ApiError } from '../../../api/client.ts';
import { createPlanFromDocument } from '../../../api/plans.api.ts';
import { useApiErrorText } from '../../../components/api-error-text.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { UnitTreeSelect } from '../../../components/unit-tree-select.tsx';
import type { WorkingUnitRef } from '../../../components/working-unit.tsx';
import { documentPath, planPath } from '../../../routes.ts';
import { useSession } from '../../auth/session.ts';

interface SavePlanDialogProps {
  document: TExtractedDocument;
  sourceText: string | null;
  sourceFileName: string | null;
  onClose: () => void;
  onSaved: (plan: TPlan) => void;
}

/** "Lưu thành kế hoạch của đơn vị…": the reviewed document becomes a received plan of a unit. */
export function SavePlanDialog({
  document,
  sourceText,
  sourceFileName,
  onClose,
  onSaved,
}: SavePlanDialogProps) {
  const { t } = useTranslation();
  const describe = useApiErrorText();
  const session = useSession();
  const user = session.data?.user;
  const [unit, setUnit] = useState<WorkingUnitRef | null>(
    user ? { id: user.homeUnitId, name: user.homeUnitName } : null,
  );
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<{ documentId: number; planId: number | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);

  async function save() {
    setTried(true);
    if (!unit) return;
    setSaving(true);
    setError(null);
    setDuplicate(null);
    try {
      onSaved(await createPlanFromDocument({ unitId: unit.id, document, sourceText, sourceFileName }));
    } catch (caught) {
      setError(describe(caught));
      if (caught instanceof ApiError && caught.code === 'document_duplicate') {
        const details = caught.details as { documentId?: number; planId?: number | null } | undefined;
        if (typeof details?.documentId === 'number')
          setDuplicate({ documentId: details.documentId, planId: details.planId ?? null });
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormDialog
      title={t('review.saveTitle')}
      okText={t('review.saveOk')}
      saving={saving}
      onOk={() => void save()}
      onClose={onClose}
      notice={
        error && (
          <Alert
            type={duplicate ? 'warning' : 'error'}
            showIcon
            title={error}
            role="alert"
            className="form-alert"
            data-testid={duplicate ? 'document-duplicate' : undefined}
            description={
              duplicate && (
                <Space wrap>
                  {duplicate.planId !== null && (
                    <Link to={planPath(duplicate.planId)}>{t('review.duplicate.openPlan')}</Link>
                  )}
                  <Link to={documentPath(duplicate.documentId)}>{t('review.duplicate.openDocument')}</Link>
                </Space>
              )
            }
          />
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('review.saveHelp', { symbol: document.symbol ?? t('review.noSymbol') })}
      </Typography.Paragraph>
      <label htmlFor="save-plan-unit" className="field-label">
        {t('review.saveUnit')}
      </label>
      <UnitTreeSelect
        id="save-plan-unit"
        value={unit}
        onChange={setUnit}
        status={tried && !unit ? 'error' : undefined}
      />
      {tried && !unit && (
        <div className="login-field__error" role="alert">
          {t('common.requiredChoice', { field: t('review.saveUnitLower') })}
        </div>
      )}
    </FormDialog>
  );
}
