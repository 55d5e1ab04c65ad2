import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ROUTES } from '../routes.ts';

export function AppBrand() {
  const { t } = useTranslation();
  return (
    <Link to={ROUTES.organisation} className="app-brand" aria-label={t('app.name')}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span className="app-brand__name">{t('app.name')}</span>
    </Link>
  );
}
