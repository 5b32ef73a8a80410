/**
 * A decision's body as the API accepts it. Apart from the rules (decision-rules.ts) because workflow code imports
 * those, and every module workflow code imports is instantiated again for each cached workflow: zod's schemas
 * have no business in that memory (BENCHMARKS.md "Held load").
 */
import { z } from 'zod';
import { OUTCOMES, STAGE_NAMES } from './enums';
import { DomainError } from './errors';
import { OUTCOME_RULES, type OutcomeRule } from './review-state';
import { isoDate, zodProblems } from './schema-parts';

const optionalText = (max: number) =>
  z
    .string({ invalid_type_error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const decisionInputSchema = z
  .object({
    outcome: z.enum(OUTCOMES),
    /** The stage the reviewer saw; when given, a decision arriving after that stage closed is refused (409). */
    stage: z.enum(STAGE_NAMES).optional(),
    comment: optionalText(4000),
    conditions: optionalText(4000),
    /** Call-offs approved with conditions: a shortened period … */
    approvedPeriodTo: isoDate.optional(),
    /** … or a lower cost. */
    approvedCostSek: z.number().int('must be whole kronor').positive('must be more than 0').optional(),
  })
  .strict();

export type DecisionInput = z.infer<typeof decisionInputSchema>;

export interface CallOffTerms {
  periodFrom: string;
  periodTo: string;
  estimatedCostSek: number;
}

const COMMENT_IS: Record<Exclude<OutcomeRule['comment'], 'optional'>, string> = {
  reason: 'the reason for rejecting',
  questions: 'the questions for the requester',
};
const CONDITIONAL_OUTCOMES = OUTCOMES.filter((o) => OUTCOME_RULES[o].conditional).join(' or ');

/** Parses a decision body; each outcome's required fields are checked here, before any workflow is asked. */
export function parseDecisionInput(body: unknown, callOff?: CallOffTerms): DecisionInput {
  const parsed = decisionInputSchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError('validation_failed', 'The decision has invalid fields', zodProblems(parsed.error));
  }
  const d = parsed.data;
  const rule = OUTCOME_RULES[d.outcome];
  const problems: { field: string; message: string }[] = [];
  if (rule.conditional && !d.conditions) {
    problems.push({ field: 'conditions', message: 'is required when approving with conditions' });
  }
  if (rule.comment !== 'optional' && !d.comment) {
    // An avstyrkan gives a reason as a rejection does, but rejects nothing: it is told as what it is.
    const what =
      rule.effect === 'recommend' ? 'the reason for recommending rejection' : COMMENT_IS[rule.comment];
    problems.push({ field: 'comment', message: `is required: ${what}` });
  }
  if (!rule.conditional) {
    if (d.approvedPeriodTo)
      problems.push({ field: 'approvedPeriodTo', message: `only with ${CONDITIONAL_OUTCOMES}` });
    if (d.approvedCostSek)
      problems.push({ field: 'approvedCostSek', message: `only with ${CONDITIONAL_OUTCOMES}` });
  } else if (d.approvedPeriodTo || d.approvedCostSek) {
    if (!callOff) {
      const field = d.approvedPeriodTo ? 'approvedPeriodTo' : 'approvedCostSek';
      problems.push({ field, message: 'applies only to agency call-offs' });
    } else {
      if (
        d.approvedPeriodTo &&
        (d.approvedPeriodTo < callOff.periodFrom || d.approvedPeriodTo > callOff.periodTo)
      ) {
        problems.push({
          field: 'approvedPeriodTo',
          message: `must shorten the period: between ${callOff.periodFrom} and ${callOff.periodTo}`,
        });
      }
      if (d.approvedCostSek && d.approvedCostSek > callOff.estimatedCostSek) {
        problems.push({ field: 'approvedCostSek', message: `must not exceed ${callOff.estimatedCostSek}` });
      }
    }
  }
  if (problems.length)
    throw new DomainError('validation_failed', 'The decision has invalid fields', problems);
  return d;
}
