import { STAGE_NAMES, type StageName } from '@domain/enums';
import type { CounterRow, LeadRow } from '@db/repositories/statistics.repository';

export interface StageMeasures {
  decided: number;
  withinDeadline: number;
  withinDeadlineShare: number | null;
  escalations: number;
}

const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);
const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;
const percentile = (n: number | null | undefined) => (n === null || n === undefined ? null : round(n, 2));

export function stageMeasures(c: CounterRow | undefined, stage: StageName): StageMeasures {
  const counts = c?.stages[stage];
  const decided = counts?.decided ?? 0;
  const withinDeadline = counts?.within ?? 0;
  return {
    decided,
    withinDeadline,
    withinDeadlineShare: share(withinDeadline, decided),
    escalations: counts?.escalations ?? 0,
  };
}

/** Every figure of one group, from its counter sums and lead-time percentiles. */
export function measuresOf(c: CounterRow | undefined, lead: LeadRow | undefined) {
  const n = (k: Exclude<keyof CounterRow, 'k0' | 'k1' | 'stages'>) => c?.[k] ?? 0;
  const stages = Object.fromEntries(STAGE_NAMES.map((s) => [s, stageMeasures(c, s)])) as Record<
    StageName,
    StageMeasures
  >;
  const all = Object.values(stages);
  const sum = (pick: (s: StageMeasures) => number) => all.reduce((total, s) => total + pick(s), 0);
  const approved = n('approved');
  const approvedWithConditions = n('approved_with_conditions');
  const rejected = n('rejected');
  // Exempted requests are under the regime, only not reviewed: they count in the volumes and the requested cost,
  // and `notReviewed.exempted` / `cost.exempted` say how many of them and what they cost (varav undantagna).
  return {
    submitted: n('submitted') + n('exempted'),
    notReviewed: { exempted: n('exempted'), notRequired: n('not_required') },
    decided: { approved, approvedWithConditions, rejected, withdrawn: n('withdrawn') },
    approvalRate: share(approved + approvedWithConditions, approved + approvedWithConditions + rejected),
    leadTimeBusinessDays: { p50: percentile(lead?.bd50), p90: percentile(lead?.bd90) },
    leadTimeHours: { p50: percentile(lead?.h50), p90: percentile(lead?.h90) },
    withinDeadlineShare: share(
      sum((s) => s.withinDeadline),
      sum((s) => s.decided),
    ),
    escalations: sum((s) => s.escalations),
    cost: {
      requested: n('requested_cost') + n('exempted_cost'),
      exempted: n('exempted_cost'),
      approved: n('approved_cost'),
      rejected: n('rejected_cost'),
    },
    agencyCost: n('agency_cost'),
    stages,
  };
}

export type Measures = ReturnType<typeof measuresOf>;

/** Open requests by age in business days since submission, in the bands a director reads them in. */
export const AGE_BANDS = [
  { band: '0-5', max: 5 },
  { band: '6-10', max: 10 },
  { band: '11-20', max: 20 },
  { band: '21+', max: Infinity },
] as const;
