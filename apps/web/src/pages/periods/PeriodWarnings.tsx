import { useTranslation } from 'react-i18next';
import { calendarDaysBetween } from '@domain/calendar';
import { REQUEST_KINDS } from '@domain/enums';
import { DEFAULT_PERIOD_WARNING_DAYS } from '@domain/period-watch';
import { periodGaps } from '@domain/review-periods';
import type { ReviewPeriod } from '../../api/types';
import { stockholmToday } from '../../format/dates';
import { useFormat } from '../../format/format';

/** The same horizon as the period watch's first warning by default (PERIOD_WARNING_DAYS may differ). */
const WARN_DAYS = DEFAULT_PERIOD_WARNING_DAYS[0];

/**
 * Per kind: the period in force, whether the board must be reminded that it lapses without extension, and the
 * gaps between consecutive periods still ahead or under way (a past gap is history, not a warning).
 */
export function PeriodWarnings({ periods }: { periods: ReviewPeriod[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const today = stockholmToday();
  const gaps = periodGaps(periods).filter((g) => g.to >= today);
  return (
    <div className="period-status">
      {gaps.map((g) => (
        <p key={`${g.kind}-${g.from}`} className="notice notice-warning">
          {t('periods.gap', { kind: t(`kindPlural.${g.kind}`), from: f.date(g.from), to: f.date(g.to) })}
        </p>
      ))}
      {REQUEST_KINDS.map((kind) => {
        const current = periods.find((p) => p.kind === kind && p.validFrom <= today && today <= p.validTo);
        const kindName = t(`kindPlural.${kind}`);
        if (!current) {
          return (
            <p key={kind} className="notice notice-warning">
              {t('periods.noneInForce', { kind: kindName })}
            </p>
          );
        }
        const extended = periods.some((p) => p.extendsId === current.id);
        const left = calendarDaysBetween(today, current.validTo);
        if (!extended && left <= WARN_DAYS) {
          return (
            <div key={kind} className="notice notice-warning" role="alert">
              <p>
                <strong>{t('periods.endingTitle', { kind: kindName })}</strong>
              </p>
              <p>
                {t('periods.endingBody', {
                  date: f.date(current.validTo),
                  count: left,
                  ref: current.decisionRef,
                })}
              </p>
            </div>
          );
        }
        return (
          <p key={kind} className="notice notice-info">
            {t('periods.inForce', {
              kind: kindName,
              date: f.date(current.validTo),
              ref: current.decisionRef,
            })}
            {extended && ` ${t('periods.extendedAlready')}`}
          </p>
        );
      })}
    </div>
  );
}
