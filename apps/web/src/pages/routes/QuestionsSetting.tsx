import { useTranslation } from 'react-i18next';
import type { RouteDraft } from '@domain/route-rules';

/**
 * Whether a stage's deadline waits while a reviewer's question to the requester is unanswered (issue 21). Absent
 * in versions made before the setting: the clock keeps running, as in version 1.
 */
export function QuestionsSetting({
  draft,
  error,
  onChange,
}: {
  draft: RouteDraft;
  error?: string;
  onChange: (next: RouteDraft) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={`field${error ? ' has-error' : ''}`}>
      <legend>{t('routes.questionsTitle')}</legend>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.questions?.pauseDeadline === true}
          aria-describedby="questions-pause-hint"
          onChange={(e) => onChange({ ...draft, questions: { pauseDeadline: e.target.checked } })}
        />{' '}
        {t('routes.questionsPause')}
      </label>
      <p className="hint" id="questions-pause-hint">
        {t('routes.questionsPauseHint')}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
