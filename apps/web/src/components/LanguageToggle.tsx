import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n';

export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'sv' : 'en';
  return (
    <button type="button" className="link-button" lang={other} onClick={() => void changeLanguage(other)}>
      {t('nav.otherLanguage')}
    </button>
  );
}
