import { z } from 'zod';
import { dueAfter } from './deadlines';
import { OCCUPATIONAL_CATEGORIES, REQUEST_KINDS, isReviewerRole, type RequestKind } from './enums';
import type { FieldProblem } from './errors';
import {
  STAGE_NAMES,
  planRoute,
  whenConditions,
  type Duration,
  type PlannedStage,
  type RouteSubject,
  type RoutingPolicy,
  type StageCondition,
  type StagePolicy,
} from './policy';

/*
 * A route version as the admin edits it (everything but its number), checked in two steps: its shape (zod), then
 * the domain rules a well-shaped route can still break. Both name the offending field as a path such as
 * `routes.hire[1].deadline`, so the editor can show each problem at its field.
 */

const whole = z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number');
// A duration or a count of days: 0 is a shape a draft may hold (the rules then say "at least 1" at its field), a
// negative or astronomical one is no route at all (and would not survive JSON as an integer).
const count = whole.min(0, 'must be 0 or more').max(10_000, 'must be at most 10000');
const businessDays = z.object({ businessDays: count }).strict();
const hours = z.object({ hours: count }).strict();
const duration = z.union([businessDays, hours], {
  errorMap: () => ({ message: 'must be { businessDays } or { hours }' }),
});

const condition = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('new_permanent_position') }).strict(),
    z.object({ type: z.literal('urgent') }).strict(),
    z
      .object({
        type: z.literal('cost_above'),
        sek: whole.min(0, 'must be 0 or more').max(1_000_000_000_000, 'must be at most 1000000000000'),
      })
      .strict(),
    z
      .object({
        type: z.literal('category_in'),
        categories: z.array(z.enum(OCCUPATIONAL_CATEGORIES)).max(OCCUPATIONAL_CATEGORIES.length),
      })
      .strict(),
  ],
  { errorMap: () => ({ message: 'must be new_permanent_position, urgent, cost_above or category_in' }) },
);

// Bounds far above any real route, so a hostile body cannot make validation slow.
const MAX_STAGES = 12;
const MAX_LEVELS = 6;
const conditions = z.array(condition).max(8, 'must have at most 8 conditions');

// Names and roles are plain strings here so that a wrong one gets the domain rule's message at its field.
const escalation = z
  .object({
    role: z.string().max(60),
    scope: z.enum(['division', 'region']),
    after: duration,
    urgentAfter: hours.optional(),
  })
  .strict();

const stage = z
  .object({
    name: z.string().max(60),
    mode: z.enum(['deciding', 'recommending']).optional(),
    role: z.string().max(60),
    scope: z.enum(['division', 'region']),
    deadline: duration,
    urgentDeadline: hours.optional(),
    reminderAfter: duration.optional(),
    escalations: z.array(escalation).max(MAX_LEVELS, `must have at most ${MAX_LEVELS} levels`),
    when: z.union([z.literal('new_permanent_position'), conditions]).optional(),
    unless: conditions.optional(),
  })
  .strict();

const stages = z.array(stage).max(MAX_STAGES, `must have at most ${MAX_STAGES} stages`);

export const routeDraftSchema = z
  .object({
    routes: z.object({ hire: stages, agency_call_off: stages }).strict(),
    urgent: z.object({ deadline: hours, escalationAfter: hours }).strict(),
    afterLastEscalation: z.object({ reminderEvery: duration }).strict(),
    returned: z.object({ deadline: duration, reminderAfter: duration }).strict(),
    hireApprovalValidDays: count,
    /** Issue 21: whether a stage's clock waits while a reviewer's question is unanswered (absent: it runs on). */
    questions: z.object({ pauseDeadline: z.boolean() }).strict().optional(),
  })
  .strict();

/** A route version's content: what the admin edits, and what a version stores besides its number. */
export type RouteDraft = Omit<RoutingPolicy, 'version'>;

/** A path as the editor names fields: `routes.hire[1].deadline`. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

function shapeProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const field = fieldPath(issue.path) || '(body)';
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: fieldPath([...issue.path, key]),
        message: 'is not a known field',
      }));
    if (issue.code === 'invalid_type' && issue.received === 'undefined')
      return [{ field, message: 'is required' }];
    return [{ field, message: issue.message }];
  });
}

const amount = (d: Duration) => ('hours' in d ? d.hours : d.businessDays);
const sameUnit = (a: Duration, b: Duration) => 'hours' in a === 'hours' in b;

/** Why a stage of a route of `kind` can never run, or undefined when some request would get it. */
export function unreachableBecause(
  kind: RequestKind,
  stage: Pick<StagePolicy, 'when' | 'unless'>,
): string | undefined {
  const when = whenConditions(stage);
  const unless = stage.unless ?? [];
  const has = (list: StageCondition[], type: StageCondition['type']) => list.some((c) => c.type === type);
  if (kind === 'hire' && has(when, 'urgent')) return 'only call-offs are urgent, so no hire meets it';
  if (kind === 'agency_call_off' && has(when, 'new_permanent_position'))
    return 'only hires are new permanent positions, so no call-off meets it';
  for (const type of ['new_permanent_position', 'urgent'] as const)
    if (has(when, type) && has(unless, type)) return `it both needs and skips ${type}`;
  const thresholds = (list: StageCondition[]) =>
    list.flatMap((c) => (c.type === 'cost_above' ? [c.sek] : []));
  const needsAbove = Math.max(-1, ...thresholds(when));
  const skipsAbove = Math.min(Infinity, ...thresholds(unless));
  if (skipsAbove <= needsAbove)
    return `every cost above ${needsAbove} kr is also above ${skipsAbove} kr, which skips it`;
  let categories: readonly string[] = OCCUPATIONAL_CATEGORIES;
  for (const c of when)
    if (c.type === 'category_in') categories = categories.filter((x) => c.categories.includes(x as never));
  for (const c of unless)
    if (c.type === 'category_in') categories = categories.filter((x) => !c.categories.includes(x as never));
  if (categories.length === 0) return 'no occupational category meets its category conditions';
  return undefined;
}

const isConditional = (s: Pick<StagePolicy, 'when' | 'unless'>) =>
  whenConditions(s).length > 0 || (s.unless ?? []).length > 0;

function stageProblems(kind: RequestKind, stages: RouteDraft['routes'][RequestKind]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (i: number, ...field: (string | number)[]) => fieldPath(['routes', kind, i, ...field]);
  if (stages.length === 0) return [{ field: fieldPath(['routes', kind]), message: 'has no stage' }];
  if (stages.every(isConditional))
    problems.push({
      field: fieldPath(['routes', kind]),
      message: 'has no stage without conditions, so some requests would get no stage at all',
    });
  stages.forEach((s, i) => {
    if (!(STAGE_NAMES as readonly string[]).includes(s.name))
      problems.push({ field: at(i, 'name'), message: `must be one of ${STAGE_NAMES.join(', ')}` });
    else if (stages.findIndex((o) => o.name === s.name) < i)
      problems.push({
        field: at(i, 'name'),
        message: `is already the name of an earlier stage of this route`,
      });
    if (!isReviewerRole(s.role)) problems.push({ field: at(i, 'role'), message: 'is not a reviewer role' });
    if (amount(s.deadline) < 1) problems.push({ field: at(i, 'deadline'), message: 'must be at least 1' });
    if (s.urgentDeadline && s.urgentDeadline.hours < 1)
      problems.push({ field: at(i, 'urgentDeadline'), message: 'must be at least 1 hour' });
    if (s.urgentDeadline && kind === 'hire')
      problems.push({ field: at(i, 'urgentDeadline'), message: 'only call-offs are urgent' });
    if (s.reminderAfter) {
      if (amount(s.reminderAfter) < 1)
        problems.push({ field: at(i, 'reminderAfter'), message: 'must be at least 1' });
      else if (
        amount(s.deadline) >= 1 &&
        sameUnit(s.reminderAfter, s.deadline) &&
        amount(s.reminderAfter) >= amount(s.deadline)
      )
        problems.push({ field: at(i, 'reminderAfter'), message: 'must come before the deadline' });
    }
    s.escalations.forEach((level, j) => {
      if (!isReviewerRole(level.role))
        problems.push({ field: at(i, 'escalations', j, 'role'), message: 'is not a reviewer role' });
      if (amount(level.after) < 1)
        problems.push({ field: at(i, 'escalations', j, 'after'), message: 'must be at least 1' });
      if (level.urgentAfter && level.urgentAfter.hours < 1)
        problems.push({
          field: at(i, 'escalations', j, 'urgentAfter'),
          message: 'must be at least 1 hour',
        });
    });
    const unreachable = unreachableBecause(kind, s);
    if (unreachable)
      problems.push({
        field: at(i, s.unless?.length ? 'unless' : 'when'),
        message: `can never hold: ${unreachable}`,
      });
    // A stage can end the route when every stage after it may be skipped; the route must end with a decision.
    const canBeLast = stages.slice(i + 1).every(isConditional);
    if (canBeLast && (s.mode ?? 'deciding') !== 'deciding')
      problems.push({
        field: at(i, 'mode'),
        message: 'must be deciding: the route can end at this stage, and a route ends with a decision',
      });
    // Segregation of duties: nobody decides two stages of a request. Two stages for the same role and scope draw
    // on the same people, and where that is one person (a division's director, the region's executive) the
    // second could never be decided at its own level.
    const twin = stages.findIndex((o) => o.role === s.role && o.scope === s.scope);
    if (twin < i)
      problems.push({
        field: at(i, 'role'),
        message: `has the same role and scope as stage ${twin + 1}; segregation of duties bars whoever decided that one`,
      });
  });
  return problems;
}

function policyProblems(draft: RouteDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const positive = (field: string, d: Duration) => {
    if (amount(d) < 1) problems.push({ field, message: 'must be at least 1' });
  };
  positive('urgent.deadline', draft.urgent.deadline);
  positive('urgent.escalationAfter', draft.urgent.escalationAfter);
  positive('afterLastEscalation.reminderEvery', draft.afterLastEscalation.reminderEvery);
  positive('returned.deadline', draft.returned.deadline);
  positive('returned.reminderAfter', draft.returned.reminderAfter);
  if (draft.hireApprovalValidDays < 1)
    problems.push({ field: 'hireApprovalValidDays', message: 'must be at least 1 day' });
  return problems;
}

/**
 * Everything wrong with a route draft, each problem at its field; empty when it may be published. The body is
 * unknown: this is also the check of what the editor sends.
 */
export function validateRoute(body: unknown): { draft?: RouteDraft; problems: FieldProblem[] } {
  const parsed = routeDraftSchema.safeParse(body);
  if (!parsed.success) return { problems: shapeProblems(parsed.error) };
  const draft = parsed.data as RouteDraft;
  return {
    draft,
    problems: [
      ...policyProblems(draft),
      ...REQUEST_KINDS.flatMap((kind) => stageProblems(kind, draft.routes[kind])),
    ],
  };
}

export interface PreviewStage extends Pick<PlannedStage, 'name' | 'mode' | 'role' | 'scope'> {
  opensAt: string;
  dueAt: string;
}

/**
 * The route a request with these facts would take, with each stage's deadline when every stage before it is
 * decided at its own deadline (without escalation): the latest the review ends in the ordinary course.
 */
export function previewRoute(
  policy: RoutingPolicy,
  subject: RouteSubject,
  submittedAt: Date,
): { stages: PreviewStage[]; decidedBy?: string; approvalValidDays?: number } {
  let opensAt = submittedAt;
  const stages = planRoute(policy, subject).map((s) => {
    const dueAt = dueAfter(opensAt, s.deadline);
    const step = {
      name: s.name,
      mode: s.mode,
      role: s.role,
      scope: s.scope,
      opensAt: opensAt.toISOString(),
      dueAt: dueAt.toISOString(),
    };
    opensAt = dueAt;
    return step;
  });
  return {
    stages,
    decidedBy: stages.at(-1)?.dueAt,
    approvalValidDays: subject.kind === 'hire' ? policy.hireApprovalValidDays : undefined,
  };
}
