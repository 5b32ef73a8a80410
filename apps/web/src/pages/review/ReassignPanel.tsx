import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isReviewerRole } from '@domain/enums';
import { useReassign } from '../../api/requests';
import { useUserDirectory } from '../../api/user-directory';
import { useSession } from '../../auth/session';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useTranslateFieldMessage } from '../../i18n/field-messages';
import { ProblemError } from '../../api/problem';

/** HR lead and directors move an open stage to another reviewer; the API checks that they may decide it. */
export function ReassignPanel({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const translate = useTranslateFieldMessage();
  const session = useSession();
  const directory = useUserDirectory();
  const reassign = useReassign(requestId);
  const [userId, setUserId] = useState('');
  const candidates = (directory.data ?? []).filter(
    (u) => u.id !== session.me?.id && u.grants.some((g) => isReviewerRole(g.role)),
  );
  const fieldError = reassign.error instanceof ProblemError ? reassign.error.byField().userId : undefined;

  return (
    <section className="card" aria-labelledby="reassign-title">
      <h2 id="reassign-title">{t('reassign.title')}</h2>
      {directory.data && candidates.length === 0 ? (
        <p>{t('reassign.noDirectory')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (userId) reassign.mutate(userId);
          }}
        >
          {reassign.error && !fieldError ? <ProblemNotice error={reassign.error} /> : null}
          {reassign.isSuccess && (
            <p className="notice notice-success" role="status">
              {t('reassign.done')}
            </p>
          )}
          <div className={`field${fieldError ? ' has-error' : ''}`}>
            <label htmlFor="reassign-user">{t('reassign.to')}</label>
            <p className="hint" id="reassign-hint">
              {t('reassign.hint')}
            </p>
            <select
              id="reassign-user"
              aria-describedby={fieldError ? 'reassign-hint reassign-error' : 'reassign-hint'}
              aria-invalid={Boolean(fieldError)}
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
            >
              <option value="">{t('common.choose')}</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
            {fieldError && (
              <p className="field-error" id="reassign-error">
                {translate(fieldError)}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" disabled={!userId || reassign.isPending}>
              {t('reassign.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
