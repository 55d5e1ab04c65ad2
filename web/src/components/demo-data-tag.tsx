import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../features/auth/session.ts';

/** Shown whenever the server runs the demo workspace, so nobody mistakes it for real figures. */
export function DemoDataTag() {
  const { t } = useTranslation();
  const meta = useMeta();
  if (!meta.data?.demo) return null;
  return (
    <Tag className="demo-tag" data-testid="demo-tag" title={t('app.demoDataHint')}>
      {t('app.demoData')}
    </Tag>
  );
}
