import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Amber "Cần kiểm tra": the reader was not sure of this value (empty, not found, unparsed). */
export function UncertainBadge({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={reason}>
      <Tag
        className="uncertain-badge"
        data-testid="uncertain-badge"
        tabIndex={0}
        aria-label={`${t('review.uncertain')}: ${reason}`}
      >
        {t('review.uncertain')}
      </Tag>
    </Tooltip>
  );
}
