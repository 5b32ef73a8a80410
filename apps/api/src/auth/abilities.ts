import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import type { RoleGrant } from '@domain/decision-rules';
import { REVIEWER_ROLES, type Role } from '@domain/enums';
import { EXEMPTION_RECORDING_ROLES } from '@domain/exemptions';
import { STATISTICS_ROLES } from '@domain/stats-scope';

/**
 * Who may do what, in one place (CASL). Endpoints declare the action and subject they need (@Can); services ask the
 * same ability about a concrete resource where scope matters (e.g. submitting for a unit). The finer rules of a
 * decision (stage, escalation level, segregation of duties) stay in libs/domain, shared with the workflow.
 */
export type Action =
  | 'read'
  | 'create'
  | 'extend'
  | 'revoke'
  | 'delete'
  | 'submit'
  | 'attach'
  | 'decide'
  | 'resubmit'
  | 'withdraw'
  | 'ask'
  | 'answer'
  | 'reassign'
  | 'change_requester'
  | 'mark_read'
  | 'decode'
  | 'encode'
  | 'administer'
  | 'publish';
export type Subject =
  | 'Me'
  | 'Org'
  | 'ReviewPeriod'
  | 'Exemption'
  | 'Delegation'
  | 'Request'
  | 'Inbox'
  | 'Notification'
  | 'Statistics'
  | 'User'
  | 'TemporalPayload'
  /** The organisation's own records: units, people, role assignments, their import and admin audit log. */
  | 'Organisation'
  /** Route versions: everyone reads the published ones; the admin edits drafts and publishes them. */
  | 'Policy'
  /** Actuals from the ledger (their import) and the board's cost targets. */
  | 'Cost';
/** A resource of a subject type with the fields conditions look at. */
export type ScopedRequest = { __caslSubjectType__: 'Request'; unitId: string; divisionId: string };

export type AppAbility = MongoAbility<[Action, Subject | ScopedRequest]>;

export function abilityFor(grants: RoleGrant[]): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const has = (...roles: Role[]) => grants.some((g) => roles.includes(g.role));

  // Every signed-in user: themselves, the organisation, the periods in force, their own notifications, and the
  // requests of their scope (which requests that is, is the SQL scope of RequestsService).
  can('read', ['Me', 'Org', 'ReviewPeriod', 'Request', 'Notification', 'Policy']);
  can('mark_read', 'Notification');

  for (const grant of grants.filter((g) => g.role === 'requester')) {
    if (grant.scopeUnitId === null) can('submit', 'Request');
    else {
      can('submit', 'Request', { unitId: grant.scopeUnitId });
      can('submit', 'Request', { divisionId: grant.scopeUnitId });
    }
  }
  // Answering a reviewer's question (issue 21) is the requester's, as completing a returned request is.
  if (has('requester')) can(['resubmit', 'withdraw', 'answer'], 'Request');
  // Files on a request: its requester and its reviewers; which request and when is AttachmentsService's rule.
  if (has('requester', ...REVIEWER_ROLES)) can('attach', 'Request');
  if (has(...REVIEWER_ROLES)) {
    // Who may ask at which stage is the workflow's rule (the stage's reviewer, as for a decision).
    can(['decide', 'ask'], 'Request');
    can('read', 'Inbox');
    can(['read', 'create', 'delete'], 'Delegation');
    // To choose a stand-in or a new assignee; who may be chosen is checked where it is recorded.
    can('read', 'User');
  }
  if (has('hr_lead', 'director')) can('reassign', 'Request');
  // A leaver's requests go to another requester of the unit by the HR lead's choice (which ones: LeaversService).
  if (has('hr_lead')) can('change_requester', 'Request');
  // A director reads their division's exemptions; which divisions is ExemptionsService's scope rule.
  if (has('director', 'executive')) can('read', 'Exemption');
  // General exemptions are recorded on a decision of the board or the regiondirektör, and revoked, only by these.
  if (has(...EXEMPTION_RECORDING_ROLES)) can(['read', 'create', 'revoke'], 'Exemption');
  // Which divisions each sees is the statistics service's scope rule (statisticsScope), not a condition here. The
  // follow-up role gets reading only: nothing above gives it a decision, the inbox or a period to record.
  if (has(...STATISTICS_ROLES)) can('read', 'Statistics');
  // The ledger's actuals are imported, and the board's targets recorded, by the admin or the follow-up role
  // (finance, the steering group); the statistics roles read the targets (which ones: CostService's scope).
  if (has(...STATISTICS_ROLES, 'admin')) can('read', 'Cost');
  if (has('admin', 'follow_up')) can('administer', 'Cost');
  if (has('admin')) {
    can(['create', 'extend'], 'ReviewPeriod');
    can('read', ['Delegation', 'User']);
    // Reading Temporal histories in clear (the codec endpoint) is an operator's task.
    can(['decode', 'encode'], 'TemporalPayload');
    can('administer', 'Organisation');
    can(['administer', 'publish'], 'Policy');
  }
  return build();
}
