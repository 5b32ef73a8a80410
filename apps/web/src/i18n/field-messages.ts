import { useTranslation } from 'react-i18next';
import { fieldMessageKey } from './field-message-patterns';

export function useTranslateFieldMessage(): (message: string) => string {
  const { t } = useTranslation();
  return (message) => {
    const found = fieldMessageKey(message);
    return found ? t(found.key, found.values) : message;
  };
}
