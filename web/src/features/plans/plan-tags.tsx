import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTaskStatus } from '../../../../contracts/plans.ts';
import type { TComplianceRowState, TPlanOrigin, TPlanStatus } from './plan-types.ts';

export function PlanStatusTag({ status }: { status: TPlanStatus }) {
  const { t } = useTranslation();
  return <Tag className={`plan-status plan-status--${status}`}>{t(`plans.status.${status}`)}</Tag>;
}

export function PlanOriginTag({ origin }: { origin: TPlanOrigin }) {
  const { t } = useTranslation();
  return <Tag className={`plan-origin plan-origin--${origin}`}>{t(`plans.origin.${origin}`)}</Tag>;
}

export function TaskStatusTag({ status }: { status: TTaskStatus }) {
  const { t } = useTranslation();
  return <Tag className={`task-status task-status--${status}`}>{t(`plans.taskStatus.${status}`)}</Tag>;
}

export function ComplianceStateTag({ state }: { state: TComplianceRowState }) {
  const { t } = useTranslation();
  return (
    <Tag className={`compliance-state compliance-state--${state}`}>
      {t(`plans.compliance.state.${state}`)}
    </Tag>
  );
}
