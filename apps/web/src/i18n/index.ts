import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { sv } from './sv';
import { en } from './en';

const LANGUAGE_KEY = 'provning.language';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Swedish by default; the English choice is remembered in this browser. */
function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  return saved === 'en' ? 'en' : 'sv';
}

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  // A missing text is a bug: say so loudly in the console, where the browser tests look.
  missingKeyHandler: (_lngs, _ns, key) => console.error(`i18n: missing key "${key}"`),
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem(LANGUAGE_KEY, lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
