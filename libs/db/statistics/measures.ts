import { annualCost, avoidedCost } from '@domain/cost';
import { STAGE_NAMES, type StageName } from '@domain/enums';
import type { CounterRow, LeadRow } from '../repositories/statistics.repository';
import type { MoneyCounter } from './counters';

export interface StageMeasures {
  decided: number;
  withinDeadline: number;
  withinDeadlineShare: number | null;
  escalations: number;
  /** A recommending stage's outcomes apart from decisions: tillstyrkt and avstyrkt. */
  recommendedApproval: number;
  recommendedRejection: number;
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
    recommendedApproval: counts?.recommend_approve ?? 0,
    recommendedRejection: counts?.recommend_reject ?? 0,
  };
}

type Kind = 'hire' | 'agency_call_off';

/**
 * The money of one kind. Exempted requests are under the regime, only not reviewed: they count in the requested
 * cost, and `exempted` says how much of it (varav undantagna). `scale` turns the stored figure into the reported
 * one (a hire's monthly cost into its annual cost).
 */
function kindCost(c: CounterRow | undefined, kind: Kind, scale: (sek: number) => number) {
  const m = (counter: MoneyCounter) => scale(c?.[`${kind}__${counter}`] ?? 0);
  const rejected = m('rejected_cost');
  const reduced = m('reduced_cost');
  return {
    requested: m('requested_cost') + m('exempted_cost'),
    exempted: m('exempted_cost'),
    approved: m('approved_cost'),
    avoided: { rejected, reduced, total: avoidedCost(rejected, reduced) },
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
    // From decisions only: a recommendation is never an approval or a rejection.
    approvalRate: share(approved + approvedWithConditions, approved + approvedWithConditions + rejected),
    recommendations: {
      approve: sum((s) => s.recommendedApproval),
      reject: sum((s) => s.recommendedRejection),
    },
    againstRecommendation: {
      approved: n('approved_against_recommendation'),
      rejected: n('rejected_against_recommendation'),
    },
    leadTimeBusinessDays: { p50: percentile(lead?.bd50), p90: percentile(lead?.bd90) },
    leadTimeHours: { p50: percentile(lead?.h50), p90: percentile(lead?.h90) },
    withinDeadlineShare: share(
      sum((s) => s.withinDeadline),
      sum((s) => s.decided),
    ),
    escalations: sum((s) => s.escalations),
    // Never one sum across kinds: a hire's cost is a rate per year, a call-off's the total of its period.
    cost: {
      hire: { unit: 'sek_per_year' as const, ...kindCost(c, 'hire', annualCost) },
      agencyCallOff: {
        unit: 'sek' as const,
        ...kindCost(c, 'agency_call_off', (sek) => sek),
        accrued: n('agency_call_off__accrued_cost'),
      },
    },
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
