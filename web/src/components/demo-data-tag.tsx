import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../features/auth/session.ts';

/** Shown whenever the server runs the demo workspace, so nobody mistakes it for real figures. */
export function DemoDataTag() {
  const { t } = useTranslation();
  const meta = useMeta();
  if (!meta.data?.demo) return null;
  return (
    <Tooltip title={t('app.demoDataHint')}>
      <Tag color="#ad4e00" className="demo-tag" data-testid="demo-tag">
        {t('app.demoData')}
      </Tag>
    </Tooltip>
  );
}
