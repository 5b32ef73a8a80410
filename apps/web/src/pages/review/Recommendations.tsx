import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '../../api/types';
import { useFormat } from '../../format/format';

/**
 * What the recommending stages said (tillstyrkan, avstyrkan), each with who, when and why: the deciding reviewer
 * weighs them and may decide against them.
 */
export function Recommendations({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (request.recommendations.length === 0) return null;
  return (
    <section className="card recommendations" aria-labelledby="recommendations-title">
      <h2 id="recommendations-title">{t('review.recommendationsTitle')}</h2>
      <p className="hint">{t('review.recommendationsIntro')}</p>
      <ul>
        {request.recommendations.map((r) => (
          <li key={r.id}>
            <p>
              {t('review.recommendationBy', {
                stage: t(`stage.${r.stage}`),
                outcome: t(`stageOutcome.${r.outcome}`),
                name: r.actorName,
                at: f.dateTime(r.decidedAt),
              })}
            </p>
            {r.comment && <blockquote>{r.comment}</blockquote>}
          </li>
        ))}
      </ul>
    </section>
  );
}
