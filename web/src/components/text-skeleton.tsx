import { useTranslation } from 'react-i18next';

/**
 * Grey shimmering lines while a page's data loads, drawn like antd's `<Skeleton active />`
 * (a title and three lines) without its code in the first download.
 */
export function TextSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="text-skeleton" role="status">
      <span className="visually-hidden">{t('app.loading')}</span>
      <div className="text-skeleton__title" />
      <div className="text-skeleton__line" />
      <div className="text-skeleton__line" />
      <div className="text-skeleton__line text-skeleton__line--last" />
    </div>
  );
}
