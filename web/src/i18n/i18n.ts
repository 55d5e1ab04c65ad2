import type { ConfigProviderProps } from 'antd';
import antdViVN from 'antd/es/locale/vi_VN.js';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import vi from './vi.json' with { type: 'json' };

export const LANGUAGES = ['vi', 'en'] as const;
export type TLanguage = (typeof LANGUAGES)[number];

export type AntLocale = NonNullable<ConfigProviderProps['locale']>;

const STORAGE_KEY = 'tiendo.language';

export function isLanguage(value: unknown): value is TLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** antd ships its locales as CommonJS; depending on interop the value sits one or two `default`s deep. */
function unwrapLocale(module: unknown): AntLocale {
  let value = module;
  for (let i = 0; i < 3 && typeof value === 'object' && value !== null && !('locale' in value); i++) {
    value = (value as { default?: unknown }).default;
  }
  return value as AntLocale;
}

/**
 * antd's strings per language. Vietnamese is in the first download; English (its JSON and antd's
 * en_US) is fetched only when someone chooses it, so the Vietnamese majority never pays for it.
 */
const antdLocales: Partial<Record<TLanguage, AntLocale>> = { vi: unwrapLocale(antdViVN) };

export function antdLocaleOf(language: TLanguage): AntLocale | undefined {
  return antdLocales[language] ?? antdLocales.vi;
}

async function loadLanguage(language: TLanguage): Promise<void> {
  if (language === 'vi' || antdLocales.en) return;
  const [en, antdEnUS] = await Promise.all([import('./en.json'), import('antd/es/locale/en_US.js')]);
  i18next.addResourceBundle('en', 'translation', en.default, true, true);
  antdLocales.en = unwrapLocale(antdEnUS);
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
  let language = readStoredLanguage();
  await i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi } },
    lng: 'vi',
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (language !== 'vi') {
    try {
      await loadLanguage(language);
      await i18next.changeLanguage(language);
    } catch {
      // English could not be fetched (offline): Vietnamese rather than no page.
      language = 'vi';
    }
  }
  applyLanguage(language);
  return i18next;
}

export async function changeLanguage(language: TLanguage): Promise<void> {
  await loadLanguage(language);
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
