/**
 * The enumerations of domain.md, once. Validation, OpenAPI and the UI all read these arrays.
 */
export const REQUEST_KINDS = ['hire', 'agency_call_off'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const OCCUPATIONAL_CATEGORIES = [
  'physician',
  'nurse',
  'specialist_nurse',
  'midwife',
  'assistant_nurse',
  'mental_health_carer',
  'physiotherapist',
  'occupational_therapist',
  'psychologist',
  'social_worker',
  'biomedical_scientist',
  'radiographer',
  'dentist',
  'dental_hygienist',
  'dental_nurse',
  'medical_secretary',
  'manager',
  'other',
] as const;
export type OccupationalCategory = (typeof OCCUPATIONAL_CATEGORIES)[number];

export const EMPLOYMENT_FORMS = ['permanent', 'fixed_term', 'substitute', 'hourly'] as const;
export type EmploymentForm = (typeof EMPLOYMENT_FORMS)[number];

export const HIRE_ALTERNATIVES = ['redistribution', 'internal_pool'] as const;
export type HireAlternative = (typeof HIRE_ALTERNATIVES)[number];
export const CALL_OFF_ALTERNATIVES = [
  'internal_pool',
  'overtime',
  'neighbouring_unit',
  'recruitment_under_way',
] as const;
export type CallOffAlternative = (typeof CALL_OFF_ALTERNATIVES)[number];
export const CALL_OFF_REASONS = [
  'vacancy',
  'sick_leave',
  'parental_leave',
  'holiday_season',
  'competence_gap',
] as const;
export type CallOffReason = (typeof CALL_OFF_REASONS)[number];
export const HIRE_CONSEQUENCES = ['patient_safety', 'work_environment'] as const;

export const ROLES = [
  'requester',
  'hr_reviewer',
  'hr_lead',
  'director',
  'executive',
  'follow_up',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The roles that review: they decide stages (their own or escalated ones), and delegate them when absent. */
export const REVIEWER_ROLES = [
  'hr_reviewer',
  'hr_lead',
  'director',
  'executive',
] as const satisfies readonly Role[];
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];
export const isReviewerRole = (role: string): role is ReviewerRole =>
  (REVIEWER_ROLES as readonly string[]).includes(role);

// Declared beside the route that uses them (policy.ts): a new stage is one edit there, then its words per language.
export { STAGE_NAMES, type StageName } from './policy';

/** A deciding stage approves or rejects; a recommending one recommends (tillstyrker/avstyrker); either returns. */
export const OUTCOMES = [
  'approve',
  'approve_with_conditions',
  'reject',
  'recommend_approve',
  'recommend_reject',
  'return',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const REQUEST_STATUSES = [
  'in_review',
  'returned',
  'approved',
  'approved_with_conditions',
  'rejected',
  'withdrawn',
  'not_required',
  'exempted',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const WITHDRAWAL_REASONS = ['by_requester', 'not_completed'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** The user fields a first sign-in through the identity provider may be linked on (OIDC_LINK_FIELD). */
export const LINK_FIELDS = ['username', 'email', 'employeeId'] as const;
export type LinkField = (typeof LINK_FIELDS)[number];
