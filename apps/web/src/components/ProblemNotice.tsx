import { useTranslation } from 'react-i18next';
import { problemMessage } from '../i18n/problem-messages';

/**
 * What went wrong, in words a user can act on and in their language; field problems are shown at their fields, not
 * here. The API's English `detail` is never shown (it is for developers and the logs).
 */
export function ProblemNotice({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const { key, values } = problemMessage(error, (k) => i18n.exists(k));
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{t(key, values)}</strong>
      </p>
    </div>
  );
}
