import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '../../api/types';
import { unitIndex, useOrg } from '../../api/org';
import { useFormat } from '../../format/format';

/** Everything the requester wrote, as a reviewer needs to read it. */
export function RequestFacts({ request: r }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const unit = unitIndex(useOrg().data).get(r.unitId);
  const yes = (v: boolean) => t(v ? 'common.yes' : 'common.no');
  const rows: [string, string | undefined][] = [
    [t('facts.unit'), unit ? `${unit.name}, ${unit.divisionName}` : undefined],
    [t('facts.category'), t(`category.${r.occupationalCategory}`)],
  ];
  if (r.kind === 'hire') {
    rows.push(
      [t('hire.title.label'), r.title],
      [t('hire.employmentForm.label'), t(`employmentForm.${r.employmentForm}`)],
      [t('hire.fte.label'), f.percent(r.fte)],
      [
        t('facts.period'),
        r.endDate
          ? `${f.date(r.startDate)} – ${f.date(r.endDate)}`
          : t('facts.from', { date: f.date(r.startDate) }),
      ],
      [t('facts.replacement'), t(r.replacement ? 'hire.replacement.yes' : 'hire.replacement.no')],
      [t('hire.monthlyCostSek.label'), f.kronor(r.monthlyCostSek)],
      [t('hire.withinBudget.label'), yes(r.withinBudget)],
      [t('hire.savingsNote.label'), r.savingsNote],
      [t('hire.justification.label'), r.justification],
      [
        t('hire.alternativesTried.label'),
        r.alternativesTried.map((a) => t(`hireAlternative.${a}`)).join(', ') || t('facts.none'),
      ],
      [t('hire.consequenceIfRejected.label'), r.consequenceIfRejected],
    );
  } else {
    rows.push(
      [t('callOff.supplier.label'), r.supplier],
      [t('callOff.frameworkAgreement.label'), r.frameworkAgreement],
      [t('facts.period'), `${f.date(r.periodFrom)} – ${f.date(r.periodTo)}`],
      [t('callOff.extentHours.label'), f.number(r.extentHours, 1)],
      [t('callOff.estimatedCostSek.label'), f.kronor(r.estimatedCostSek)],
      [t('callOff.urgent.label'), yes(r.urgent)],
      [t('callOff.reason.label'), t(`reason.${r.reason}`)],
      [
        t('callOff.alternativesTried.label'),
        r.alternativesTried.map((a) => t(`callOffAlternative.${a}`)).join(', ') || t('facts.none'),
      ],
      [t('callOff.justification.label'), r.justification],
    );
  }
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value ?? '–'}</dd>
        </div>
      ))}
    </dl>
  );
}
