import { useTranslation } from 'react-i18next';
import type { Summary } from '../../api/stats';
import { useFormat } from '../../format/format';

/** The figures a director reads first, each with its label in words. */
export function Headline({ s }: { s: Summary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const decided = s.decided.approved + s.decided.approvedWithConditions + s.decided.rejected;
  const figures: { label: string; value: string; sub?: string }[] = [
    {
      label: t('stats.submitted'),
      value: f.number(s.submitted),
      sub: t('stats.decidedCount', { count: decided }),
    },
    // Exempted requests are in the figures above; this says how many and what they cost (varav undantagna).
    ...(s.notReviewed.exempted > 0
      ? [
          {
            label: t('stats.exempted'),
            value: f.number(s.notReviewed.exempted),
            sub: t('stats.exemptedCost', {
              hire: f.kronor(s.cost.hire.exempted),
              callOff: f.kronor(s.cost.agencyCallOff.exempted),
            }),
          },
        ]
      : []),
    {
      label: t('stats.approvalRate'),
      value: f.percent(s.approvalRate),
      sub: t('stats.approvedRejected', {
        approved: f.number(s.decided.approved + s.decided.approvedWithConditions),
        rejected: f.number(s.decided.rejected),
      }),
    },
    {
      label: t('stats.leadTime'),
      value: f.number(s.leadTimeBusinessDays.p50, 1),
      sub: t('stats.p90', {
        value: s.leadTimeBusinessDays.p90 === null ? '–' : f.number(s.leadTimeBusinessDays.p90, 1),
      }),
    },
    {
      label: t('stats.withinDeadline'),
      value: f.percent(s.withinDeadlineShare),
      sub: t('stats.escalations', { count: s.escalations }),
    },
    // Where stages recommend: decisions against a standing avstyrkan, with the recommendations themselves apart.
    ...(s.recommendations.approve + s.recommendations.reject > 0
      ? [
          {
            label: t('stats.approvedAgainstRecommendation'),
            value: f.number(s.againstRecommendation.approved),
            sub: t('stats.recommendationCounts', {
              approve: f.number(s.recommendations.approve),
              reject: f.number(s.recommendations.reject),
            }),
          },
        ]
      : []),
    { label: t('stats.open'), value: f.number(s.open.total) },
    // The agency cost the staff work in the range, whenever it was decided: what finance's ledger will show.
    {
      label: t('stats.agencyAccrued'),
      value: f.kronor(s.cost.agencyCallOff.accrued),
      sub: t('stats.agencyAccruedDefinition'),
    },
  ];
  return (
    <dl className="headline">
      {figures.map((x) => (
        <div className="figure" key={x.label}>
          <dt className="label">{x.label}</dt>
          <dd className="value" style={{ margin: 0 }}>
            {x.value}
          </dd>
          {x.sub && (
            <dd className="sub" style={{ margin: 0 }}>
              {x.sub}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
