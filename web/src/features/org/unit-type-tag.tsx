import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TUnitType } from '../../../../contracts/org.ts';

export function UnitTypeTag({ type }: { type: TUnitType }) {
  const { t } = useTranslation();
  return <Tag className={`unit-type-tag unit-type-tag--${type}`}>{t(`org.type.${type}`)}</Tag>;
}
