import { useTranslation } from 'react-i18next';
import type { Question } from '@contracts/questions';
import { useFormat } from '../../format/format';

/** The questions and answers of a request, oldest first: the same list for the reviewer and the requester. */
export function QuestionList({ items }: { items: Question[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (items.length === 0) return <p>{t('questions.none')}</p>;
  return (
    <ol className="questions">
      {items.map((q) => (
        <li key={q.id}>
          <p>
            <strong>
              {t('questions.asked', { name: q.askedByName, at: f.dateTime(String(q.askedAt)) })}
            </strong>
          </p>
          <p className="question-text">{q.question}</p>
          {q.answer !== null ? (
            <>
              <p>
                <strong>
                  {t('questions.answered', {
                    name: q.answeredByName ?? '',
                    at: f.dateTime(String(q.answeredAt)),
                  })}
                </strong>
              </p>
              <p className="answer-text">{q.answer}</p>
            </>
          ) : (
            <p className="hint">{t('questions.waiting')}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
