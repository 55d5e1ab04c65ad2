import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };

export const LANGUAGES = ['vi', 'en'] as const;
export type TLanguage = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tiendo.language';

export function isLanguage(value: unknown): value is TLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): TLanguage {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'vi';
  } catch {
    return 'vi';
  }
}

function applyLanguage(language: TLanguage): void {
  document.documentElement.lang = language;
  setApiLanguage(language);
}

/** Vietnamese first; English second. The choice is remembered in localStorage. */
export async function initI18n(): Promise<typeof i18next> {
  const language = readStoredLanguage();
  applyLanguage(language);
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: language,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export async function changeLanguage(language: TLanguage): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applyLanguage(language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): TLanguage {
  return isLanguage(i18next.language) ? i18next.language : 'vi';
}
