import { useTranslation } from 'react-i18next';
import { isDecided } from '@domain/review-state';
import type { RequestDetail } from '../../api/types';
import { useFormat } from '../../format/format';

/** The outcome that matters to the requester: may they hire, until when, on what conditions. */
export function FinalDecision({ request: r }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!isDecided(r.status)) return null;
  const last = r.decisions[r.decisions.length - 1];
  return (
    <section className={`card outcome outcome-${r.status}`} aria-labelledby="final-decision">
      <h2 id="final-decision">{t(`status.${r.status}`)}</h2>
      {last && (
        <p className="meta">
          {t('request.decidedBy', { name: last.actorName, at: f.dateTime(last.decidedAt) })}
        </p>
      )}
      {r.validUntil && <p>{t('request.validUntil', { date: f.date(r.validUntil) })}</p>}
      {last?.conditions && (
        <p>
          <strong>{t('decision.conditions')}:</strong> {last.conditions}
        </p>
      )}
      {last?.comment && <blockquote>{last.comment}</blockquote>}
    </section>
  );
}
