import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** The password rules, each ticked as soon as the typed password meets it. */
export function PasswordRules({ password }: { password: string | undefined }) {
  const { t } = useTranslation();
  const value = password ?? '';
  const rules = [
    { key: 'length', ok: value.length >= 10 },
    { key: 'letter', ok: /\p{L}/u.test(value) },
    { key: 'digit', ok: /\d/.test(value) },
  ];
  return (
    <ul className="password-rules" aria-label={t('setup.passwordRulesTitle')}>
      {rules.map((rule) => (
        <li key={rule.key} className={rule.ok ? 'password-rules__ok' : undefined}>
          {rule.ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleOutlined aria-hidden />}{' '}
          {t(`setup.passwordRule.${rule.key}`)}
          <span className="visually-hidden">
            {' '}
            {rule.ok ? t('setup.passwordRuleMet') : t('setup.passwordRuleNotMet')}
          </span>
        </li>
      ))}
    </ul>
  );
}

export const passwordValid = (value: string | undefined): boolean =>
  !!value && value.length >= 10 && /\p{L}/u.test(value) && /\d/.test(value);
