import type { OccupationalCategory, RequestKind, ReviewerRole } from './enums';
import type { QuestionPolicy } from './questions';
import type { StageMode } from './review-state';

/** The stages a route can have; each has its words in every language (labels-sv.ts, labels-en.ts). */
export const STAGE_NAMES = [
  'hr_review',
  'staffing_review',
  'director_decision',
  'executive_decision',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/**
 * The routing policy: one declarative structure per version. A region changes its route by publishing a version
 * (docs/routes.md); a request keeps the version in force when it was submitted, so running reviews never change.
 */
export type Duration = { businessDays: number } | { hours: number };

export interface EscalationLevel {
  /** Who may decide once the stage has escalated to this level (those of earlier levels still may). */
  role: ReviewerRole;
  scope: 'division' | 'region';
  /** Time from the previous deadline until this level's deadline. */
  after: Duration;
  /** On urgent call-offs: calendar hours instead (absent: the policy's `urgent.escalationAfter`). */
  urgentAfter?: { hours: number };
}

/**
 * A fact about a request that adds or skips a stage. A hire's cost is its annual cost (monthly cost × 12, PO
 * included), a call-off's its estimated total: the amounts a delegation order names. Only call-offs are urgent,
 * only hires are new permanent positions.
 */
export type StageCondition =
  | { type: 'new_permanent_position' }
  | { type: 'urgent' }
  | { type: 'cost_above'; sek: number }
  | { type: 'category_in'; categories: OccupationalCategory[] };
export const CONDITION_TYPES = ['new_permanent_position', 'urgent', 'cost_above', 'category_in'] as const;

export interface StagePolicy {
  name: StageName;
  /** Whether the stage decides or recommends (tillstyrker/avstyrker); absent in version 1, where every stage decides. */
  mode?: StageMode;
  role: ReviewerRole;
  scope: 'division' | 'region';
  deadline: Duration;
  /** On urgent call-offs: calendar hours instead (absent: the policy's `urgent.deadline`). */
  urgentDeadline?: { hours: number };
  reminderAfter?: Duration;
  escalations: EscalationLevel[];
  /**
   * Only on requests where every condition holds; absent means always. Version 1 writes the one condition it
   * has as the bare string 'new_permanent_position', which means exactly `[{ type: 'new_permanent_position' }]`.
   */
  when?: 'new_permanent_position' | StageCondition[];
  /** Skipped on requests where any of these holds. */
  unless?: StageCondition[];
}

export interface RoutingPolicy {
  version: number;
  routes: Record<RequestKind, StagePolicy[]>;
  /** Urgent call-offs run every stage on calendar hours instead of business days. */
  urgent: { deadline: Duration; escalationAfter: Duration };
  /** After the last escalation: a reminder at this interval until someone decides; never an automatic outcome. */
  afterLastEscalation: { reminderEvery: Duration };
  /** A request returned for completion. */
  returned: { deadline: Duration; reminderAfter: Duration };
  /** How long a final approval of a hire stays valid (the contract must be signed within it). */
  hireApprovalValidDays: number;
  /**
   * Questions to the requester while the stage stays open (issue 21). Absent in version 1 and in versions
   * published before: the clock keeps running while a question is open, as it did.
   */
  questions?: QuestionPolicy;
}

export const POLICY_V1: RoutingPolicy = {
  version: 1,
  routes: {
    hire: [
      {
        name: 'hr_review',
        role: 'hr_reviewer',
        scope: 'division',
        deadline: { businessDays: 2 },
        reminderAfter: { businessDays: 1 },
        escalations: [{ role: 'hr_lead', scope: 'region', after: { businessDays: 1 } }],
      },
      {
        name: 'director_decision',
        role: 'director',
        scope: 'division',
        deadline: { businessDays: 3 },
        reminderAfter: { businessDays: 2 },
        escalations: [{ role: 'executive', scope: 'region', after: { businessDays: 2 } }],
      },
      {
        name: 'executive_decision',
        role: 'executive',
        scope: 'region',
        deadline: { businessDays: 5 },
        escalations: [],
        when: 'new_permanent_position',
      },
    ],
    agency_call_off: [
      {
        name: 'staffing_review',
        role: 'hr_reviewer',
        scope: 'division',
        deadline: { businessDays: 1 },
        escalations: [{ role: 'hr_lead', scope: 'region', after: { businessDays: 1 } }],
      },
      {
        name: 'director_decision',
        role: 'director',
        scope: 'division',
        deadline: { businessDays: 2 },
        escalations: [{ role: 'executive', scope: 'region', after: { businessDays: 1 } }],
      },
    ],
  },
  urgent: { deadline: { hours: 4 }, escalationAfter: { hours: 4 } },
  afterLastEscalation: { reminderEvery: { businessDays: 1 } },
  returned: { deadline: { businessDays: 10 }, reminderAfter: { businessDays: 5 } },
  hireApprovalValidDays: 90,
};

/**
 * The route a new region starts from (domain.md "Roles"): HR recommends (tillstyrker or avstyrker), the division
 * director decides, and the executive decides a new permanent position. Code, not a registered version: a region
 * publishes it as one of its own route versions (with its number, date and decision reference).
 */
export function recommendingRoute(version: number): RoutingPolicy {
  const recommending = (stage: StagePolicy): StagePolicy =>
    stage.role === 'hr_reviewer' ? { ...stage, mode: 'recommending' } : { ...stage, mode: 'deciding' };
  return {
    ...POLICY_V1,
    version,
    routes: {
      hire: POLICY_V1.routes.hire.map(recommending),
      agency_call_off: POLICY_V1.routes.agency_call_off.map(recommending),
    },
  };
}

/**
 * Versions are data since issue 19 (table policy_versions; version 1 is POLICY_V1, published from 2000-01-01).
 * Code knows only version 1, for reviews started before the version travelled in the workflow's input.
 */
const POLICIES: Record<number, RoutingPolicy> = { 1: POLICY_V1 };

export function policyFor(version: number): RoutingPolicy {
  const policy = POLICIES[version];
  if (!policy) throw new RangeError(`unknown routing policy version ${version}`);
  return policy;
}

/** The facts about a request that decide its route. */
export interface RouteSubject {
  kind: RequestKind;
  newPermanentPosition: boolean;
  urgent: boolean;
  /** Hires: for cost conditions. Absent in reviews started before conditions were data (version 1 has none). */
  monthlyCostSek?: number;
  /** For category conditions; absent as above. */
  occupationalCategory?: OccupationalCategory;
  callOff?: { estimatedCostSek: number };
}

/** The cost a `cost_above` condition compares: a hire's annual cost, a call-off's estimated total. */
export function routeCostSek(subject: RouteSubject): number | undefined {
  if (subject.kind === 'agency_call_off') return subject.callOff?.estimatedCostSek;
  return subject.monthlyCostSek === undefined ? undefined : subject.monthlyCostSek * 12;
}

/** Whether a condition holds for a request; a fact the request does not carry never satisfies one. */
export function conditionHolds(condition: StageCondition, subject: RouteSubject): boolean {
  switch (condition.type) {
    case 'new_permanent_position':
      return subject.newPermanentPosition;
    case 'urgent':
      return subject.kind === 'agency_call_off' && subject.urgent;
    case 'cost_above': {
      const cost = routeCostSek(subject);
      return cost !== undefined && cost > condition.sek;
    }
    case 'category_in':
      return (
        subject.occupationalCategory !== undefined &&
        condition.categories.includes(subject.occupationalCategory)
      );
  }
}

/** A stage's `when` as a list of conditions (version 1's bare string included). */
export function whenConditions(stage: Pick<StagePolicy, 'when'>): StageCondition[] {
  if (stage.when === undefined) return [];
  return stage.when === 'new_permanent_position' ? [{ type: 'new_permanent_position' }] : stage.when;
}

/** Whether a stage runs on a request: every `when` condition holds and no `unless` condition does. */
export function stageApplies(stage: Pick<StagePolicy, 'when' | 'unless'>, subject: RouteSubject): boolean {
  return (
    whenConditions(stage).every((c) => conditionHolds(c, subject)) &&
    !(stage.unless ?? []).some((c) => conditionHolds(c, subject))
  );
}

/** A stage as this request will run it: the urgent variant already applied. */
export interface PlannedStage {
  name: StageName;
  mode: StageMode;
  role: ReviewerRole;
  scope: 'division' | 'region';
  deadline: Duration;
  reminderAfter?: Duration;
  escalations: EscalationLevel[];
}

export function planRoute(policy: RoutingPolicy, subject: RouteSubject): PlannedStage[] {
  const urgent = subject.kind === 'agency_call_off' && subject.urgent;
  return policy.routes[subject.kind]
    .filter((stage) => stageApplies(stage, subject))
    .map((stage) => ({
      name: stage.name,
      mode: stage.mode ?? 'deciding',
      role: stage.role,
      scope: stage.scope,
      deadline: urgent ? (stage.urgentDeadline ?? policy.urgent.deadline) : stage.deadline,
      // Four hours leave no room for a reminder before the deadline; escalation is the reminder.
      reminderAfter: urgent ? undefined : stage.reminderAfter,
      escalations: stage.escalations.map(({ urgentAfter, ...level }) => ({
        ...level,
        after: urgent ? (urgentAfter ?? policy.urgent.escalationAfter) : level.after,
      })),
    }));
}

/**
 * Where a resubmitted request goes on. The route is planned again from the request's facts as they now stand,
 * under the policy version it keeps, so it is always the route those facts would get at submission. A request
 * that changed starts that route again at its first stage: every stage reviews the whole request, so the first
 * stage whose inputs changed is the first stage, and no reviewer's approval carries over to facts they never saw.
 * An unchanged request re-enters the stage that returned it.
 */
export function routeOnResubmission(
  policy: RoutingPolicy,
  subject: RouteSubject,
  returnedBy: StageName,
  requestChanged: boolean,
): { route: PlannedStage[]; stageIndex: number } {
  const route = planRoute(policy, subject);
  const returning = route.findIndex((stage) => stage.name === returnedBy);
  return { route, stageIndex: requestChanged || returning < 0 ? 0 : returning };
}

/** Roles that may decide a stage at an escalation level: the stage's own and every level reached so far. */
export function decidingLevels(
  stage: Pick<PlannedStage, 'role' | 'scope' | 'escalations'>,
  escalationLevel: number,
) {
  return [
    { role: stage.role, scope: stage.scope },
    ...stage.escalations.slice(0, escalationLevel).map((e) => ({ role: e.role, scope: e.scope })),
  ];
}
