import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTION_TEXT_MAX } from '@domain/questions';
import { useAskQuestion, useQuestions } from '../../api/questions';
import { ProblemError } from '../../api/problem';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useTranslateFieldMessage } from '../../i18n/field-messages';
import { QuestionList } from './QuestionList';

/**
 * The reviewer's side of a conversation on the open stage (issue 21): ask the requester one thing without
 * returning the request; the answer shows here. One open question at a time.
 */
export function Questions({ requestId, canAsk }: { requestId: string; canAsk: boolean }) {
  const { t } = useTranslation();
  const translate = useTranslateFieldMessage();
  const questions = useQuestions(requestId);
  const ask = useAskQuestion(requestId);
  const [text, setText] = useState('');
  const items = questions.data?.items ?? [];
  const open = Boolean(questions.data?.openQuestionId);
  const fieldError = ask.error instanceof ProblemError ? ask.error.byField().text : undefined;

  return (
    <section className="card" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('questions.title')}</h2>
      {questions.error ? <ProblemNotice error={questions.error} /> : <QuestionList items={items} />}
      {questions.data && (
        <p className="hint">
          {t(questions.data.pausesDeadline ? 'questions.clockPaused' : 'questions.clockRuns')}
        </p>
      )}
      {questions.data && !open && canAsk && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            ask.mutate(text, { onSuccess: () => setText('') });
          }}
        >
          {ask.error && !fieldError ? <ProblemNotice error={ask.error} /> : null}
          <div className={`field${fieldError ? ' has-error' : ''}`}>
            <label htmlFor="question-text">{t('questions.ask')}</label>
            <p className="hint" id="question-hint">
              {t('questions.askHint')}
            </p>
            <textarea
              id="question-text"
              rows={3}
              maxLength={QUESTION_TEXT_MAX}
              aria-describedby={fieldError ? 'question-hint question-error' : 'question-hint'}
              aria-invalid={Boolean(fieldError)}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            {fieldError && (
              <p className="field-error" id="question-error">
                {translate(fieldError)}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" disabled={!text.trim() || ask.isPending}>
              {t('questions.send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
