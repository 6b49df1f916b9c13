// i18next for the console: Korean by default, English on request, the choice remembered per browser in
// localStorage. Both languages are bundled (no backend, nothing fetched at run time). <html lang> and the
// document title follow the language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko, type Messages } from './ko';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ko';
/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { ko: '한국어', en: 'English' };

const STORAGE_KEY = 'moim.admin.language';

function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage refused (private mode): the switch still works for this page.
  }
  await i18next.changeLanguage(language);
}

function reflectLanguage(): void {
  document.documentElement.lang = currentLanguage();
  document.title = i18next.t('app.title');
}

i18next.on('languageChanged', reflectLanguage);

// Synchronous: the resources are in the bundle and initAsync is off, so the first render is already translated.
void i18next.use(initReactI18next).init({
  resources: { ko: { translation: ko }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  // React escapes every text it renders; escaping here too would show &lt; in titles.
  interpolation: { escapeValue: false },
});
reflectLanguage();

export { i18next };
