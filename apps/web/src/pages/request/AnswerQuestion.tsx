import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTION_TEXT_MAX } from '@domain/questions';
import { useAnswerQuestion, useQuestions } from '../../api/questions';
import { ProblemError } from '../../api/problem';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useTranslateFieldMessage } from '../../i18n/field-messages';
import { QuestionList } from '../review/QuestionList';

/** The requester's side (issue 21): the reviewer's questions, and the answer to the open one. */
export function AnswerQuestion({ requestId, canAnswer }: { requestId: string; canAnswer: boolean }) {
  const { t } = useTranslation();
  const translate = useTranslateFieldMessage();
  const questions = useQuestions(requestId);
  const answer = useAnswerQuestion(requestId);
  const [text, setText] = useState('');
  const items = questions.data?.items ?? [];
  if (items.length === 0) return null;
  const open = items.find((q) => q.id === questions.data?.openQuestionId);
  const fieldError = answer.error instanceof ProblemError ? answer.error.byField().text : undefined;

  return (
    <section className="card" aria-labelledby="answer-title">
      <h2 id="answer-title">{t('questions.title')}</h2>
      <QuestionList items={items} />
      {open && canAnswer && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            answer.mutate({ questionId: open.id, text }, { onSuccess: () => setText('') });
          }}
        >
          {answer.error && !fieldError ? <ProblemNotice error={answer.error} /> : null}
          <div className={`field${fieldError ? ' has-error' : ''}`}>
            <label htmlFor="answer-text">{t('questions.answer')}</label>
            <textarea
              id="answer-text"
              rows={3}
              maxLength={QUESTION_TEXT_MAX}
              aria-describedby={fieldError ? 'answer-error' : undefined}
              aria-invalid={Boolean(fieldError)}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            {fieldError && (
              <p className="field-error" id="answer-error">
                {translate(fieldError)}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" disabled={!text.trim() || answer.isPending}>
              {t('questions.sendAnswer')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
