import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, type TLanguage } from '../i18n/i18n.ts';

const OPTIONS: { value: TLanguage; label: string; title: string }[] = [
  { value: 'vi', label: 'VI', title: 'Tiếng Việt' },
  { value: 'en', label: 'EN', title: 'English' },
];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<TLanguage>
      size="small"
      aria-label={t('header.language')}
      value={isLanguage(i18n.language) ? i18n.language : 'vi'}
      options={OPTIONS.map((option) => ({
        value: option.value,
        label: (
          <span lang={option.value} title={option.title}>
            {option.label}
          </span>
        ),
      }))}
      onChange={(value) => void changeLanguage(value)}
    />
  );
}
