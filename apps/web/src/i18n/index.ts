import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { sv } from './sv';

const LANGUAGE_KEY = 'provning.language';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Swedish by default; the English choice is remembered in this browser. */
function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  return saved === 'en' ? 'en' : 'sv';
}

/**
 * Swedish is in the first page's JavaScript; English, which few choose, is its own chunk, fetched when chosen (or
 * before the first render when it was chosen last time), so Swedish phones do not download it.
 */
async function loadBundle(lng: Language): Promise<void> {
  if (lng === 'sv' || i18n.hasResourceBundle(lng, 'translation')) return;
  const { en } = await import('./en');
  i18n.addResourceBundle('en', 'translation', en);
}

/** Switches the interface to `lng`, fetching its texts first. */
export async function changeLanguage(lng: Language): Promise<void> {
  await loadBundle(lng);
  await i18n.changeLanguage(lng);
}

const first = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv } },
  // English waits for its chunk (languageReady); until then Swedish, which is always there.
  lng: 'sv',
  partialBundledLanguages: true,
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

/** Settles once the remembered language's texts are in; main.tsx renders after it. */
export const languageReady: Promise<void> = first === 'sv' ? Promise.resolve() : changeLanguage(first);

export default i18n;
