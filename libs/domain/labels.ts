import type {
  CallOffAlternative,
  CallOffReason,
  EmploymentForm,
  HireAlternative,
  OccupationalCategory,
  Outcome,
  RequestKind,
  RequestStatus,
  Role,
  StageName,
  WithdrawalReason,
} from './enums';
import type { NotificationType } from './notification-types';

/**
 * What the domain's enumerations are called in one language, as labels (a badge, a column, a choice): one
 * catalogue per language (labels-sv.ts, labels-en.ts) that the web UI mounts and the mails and the CSV read.
 * Every table is keyed by its enumeration, so a new value fails to compile in each language until it is named.
 */
export interface DomainLabels {
  role: Record<Role, string>;
  /** A role in running text, in the definite form: "…eskalerades till hälso- och sjukvårdsdirektören". */
  roleInText: Record<Role, string>;
  kind: Record<RequestKind, string>;
  kindPlural: Record<RequestKind, string>;
  status: Record<RequestStatus, string>;
  /** A withdrawn request's status by why it was withdrawn: by its requester, or closed as not completed in time. */
  withdrawnAs: Record<WithdrawalReason, string>;
  stage: Record<StageName, string>;
  /** A stage in running text, lower case where the language writes it so: "Nästa steg: divisionschefens beslut". */
  stageInText: Record<StageName, string>;
  /** Where an outcome happened, in running text: "beviljat vid HR-granskningen", "approved at HR review". */
  stageAt: Record<StageName, string>;
  /** The choice a reviewer makes. */
  outcome: Record<Outcome, string>;
  /** The choice as done, in running text: "Ditt beslut är registrerat: beviljat." */
  outcomeDone: Record<Outcome, string>;
  /** A closed stage's result; a withdrawal closes the open stage too, and `closed` is any other ending. */
  stageOutcome: Record<Outcome | 'withdrawn' | 'closed', string>;
  category: Record<OccupationalCategory, string>;
  employmentForm: Record<EmploymentForm, string>;
  hireAlternative: Record<HireAlternative, string>;
  callOffAlternative: Record<CallOffAlternative, string>;
  reason: Record<CallOffReason, string>;
  /** The request timeline's sentence for each decision; `{{stage}}` is the stage's label. */
  decisionEvent: Record<Outcome, string>;
  /** The inbox line for each notification; `{{stage}}` is the stage's label. */
  notification: Record<NotificationType, string>;
}

export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function mapValues<K extends string, V, W>(record: Record<K, V>, f: (value: V) => W): Record<K, W> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v as V)])) as Record<K, W>;
}
