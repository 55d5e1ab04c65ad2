import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** A document the registry knows only because another one cites it: no content of its own. */
export function KnownByReferenceTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('documents.knownByReferenceHint')}>
      <Tag className="known-ref-tag" data-testid="known-by-reference">
        {t('documents.knownByReference')}
      </Tag>
    </Tooltip>
  );
}
