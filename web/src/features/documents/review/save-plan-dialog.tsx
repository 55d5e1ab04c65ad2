import { Alert, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TExtractedDocument } from '../../../../../contracts/plan-extract.ts';
import type { TPlan } from '../../../../../contracts/plans.ts';
import { createPlanFromDocument } from '../../../api/plans.api.ts';
import { useApiErrorText } from '../../../components/api-error-text.ts';
import { UnitTreeSelect } from '../../../components/unit-tree-select.tsx';
import type { WorkingUnitRef } from '../../../components/working-unit.tsx';
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
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);

  async function save() {
    setTried(true);
    if (!unit) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await createPlanFromDocument({ unitId: unit.id, document, sourceText, sourceFileName }));
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('review.saveTitle')}
      okText={t('review.saveOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" className="form-alert" />}
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
    </Modal>
  );
}
