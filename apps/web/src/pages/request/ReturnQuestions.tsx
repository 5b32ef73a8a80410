import { useTranslation } from 'react-i18next';
import { OUTCOME_RULES } from '@domain/review-state';
import type { RequestDetail } from '../../api/types';
import { useFormat } from '../../format/format';

/** The reviewer's questions on the latest return, which the requester must answer to resubmit. */
export function ReturnQuestions({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const ret = [...request.decisions].reverse().find((d) => OUTCOME_RULES[d.outcome].effect === 'return');
  if (!ret) return null;
  return (
    <section className="card callout" aria-labelledby="return-questions">
      <h2 id="return-questions">{t('request.questionsTitle')}</h2>
      <p className="meta">
        {t('request.questionsBy', {
          name: ret.actorName,
          stage: t(`stage.${ret.stage}`),
          at: f.dateTime(ret.decidedAt),
        })}
      </p>
      <blockquote className="questions">{ret.comment}</blockquote>
    </section>
  );
}
