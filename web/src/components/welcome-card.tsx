import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.tsx';

/**
 * The page of the screens seen before the app itself — sign-in, first run, an invitation: the
 * language switch, then one card with the brand, a heading and a subtitle above its content.
 */
export function WelcomeCard({
  title,
  subtitle,
  className,
  testId,
  aboveHeading,
  children,
}: {
  title: string;
  subtitle: string;
  className?: string;
  testId?: string;
  /** Shown between the brand and the heading (e.g. the demo tag). */
  aboveHeading?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="login-page">
      <div className="login-page__top">
        <LanguageSwitch />
      </div>
      <main className="login-page__main">
        <div className={className ? `login-card ${className}` : 'login-card'} data-testid={testId}>
          <div className="login-card__brand">
            <img src="/favicon.svg" alt="" width={40} height={40} />
            <div>
              <p className="login-card__title">{t('app.name')}</p>
              <p className="login-card__tagline">{t('app.tagline')}</p>
            </div>
          </div>
          {aboveHeading}
          <h1 className="login-card__heading">{title}</h1>
          <p className="login-card__subtitle">{subtitle}</p>
          {children}
        </div>
      </main>
    </div>
  );
}
