import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem';

/** What went wrong, in words a user can act on; field problems are shown at their fields, not here. */
export function ProblemNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const status = error instanceof ProblemError ? error.status : 0;
  const key = `problem.${status}`;
  const message = t(key, { defaultValue: t('problem.generic') });
  const detail = error instanceof ProblemError ? error.detail : (error as Error).message;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{message}</strong>
      </p>
      {detail && <p className="detail">{t('problem.detail', { detail })}</p>}
    </div>
  );
}
