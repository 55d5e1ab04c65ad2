import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, type TLanguage } from '../i18n/i18n.ts';

const OPTIONS: { value: TLanguage; label: string; title: string }[] = [
  { value: 'vi', label: 'VI', title: 'Tiếng Việt' },
  { value: 'en', label: 'EN', title: 'English' },
];

/**
 * VI | EN, drawn like antd's small Segmented. Two native radio buttons (arrow keys move between
 * them) instead of antd's Segmented, which is in the first download of every page.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const name = useId();
  const current = isLanguage(i18n.language) ? i18n.language : 'vi';
  return (
    <div className="lang-switch" role="radiogroup" aria-label={t('header.language')}>
      {OPTIONS.map((option) => (
        <label
          key={option.value}
          className={
            option.value === current ? 'lang-switch__item lang-switch__item--on' : 'lang-switch__item'
          }
          title={option.title}
        >
          <input
            type="radio"
            className="lang-switch__input"
            name={name}
            value={option.value}
            checked={option.value === current}
            onChange={() => void changeLanguage(option.value)}
          />
          <span lang={option.value}>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
