import type {
  OccupationalCategory,
  Outcome,
  RequestKind,
  RequestStatus,
  Role,
  StageName,
} from '@domain/enums';
import type { RequestInput } from '@domain/request-input';

export interface Grant {
  role: Role;
  scopeUnitId: string | null;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  grants: Grant[];
}

export interface Division {
  id: string;
  code: string;
  name: string;
  budgetSek: number | null;
  units: { id: string; code: string; name: string }[];
}

export interface StageRef {
  name: StageName;
  dueAt: string;
  escalationLevel?: number;
}

export interface RequestSummary {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  statusReason: string | null;
  reviewRequired: boolean;
  unitId: string;
  divisionId: string;
  requesterId: string;
  occupationalCategory: OccupationalCategory;
  costSek: number;
  submittedAt: string;
  decidedAt: string | null;
  validUntil: string | null;
  currentStage: StageRef | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Stage {
  id: string;
  name: StageName;
  round: number;
  assigneeRole: Role;
  openedAt: string;
  dueAt: string;
  escalationLevel: number;
  closedAt: string | null;
  outcome: string | null;
}

export interface Decision {
  id: string;
  stage: StageName;
  outcome: Outcome;
  actorId: string;
  actorName: string;
  onBehalfOfId: string | null;
  comment: string | null;
  conditions: string | null;
  validUntil: string | null;
  decidedAt: string;
}

export type RequestDetail = RequestSummary &
  RequestInput & {
    stages: Stage[];
    decisions: Decision[];
  };

export interface TimelineEvent {
  id: string;
  type: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown> | null;
}

export interface InboxItem {
  requestId: string;
  stage: StageName;
  round: number;
  dueAt: string;
  overdue: boolean;
  escalationLevel: number;
  delegated: boolean;
  onBehalfOfId: string | null;
  kind: RequestKind;
  unitId: string;
  unitName: string;
  divisionId: string;
  divisionName: string;
  requesterName: string;
  occupationalCategory: OccupationalCategory;
  summary: string;
  urgent: boolean;
  costSek: number;
  submittedAt: string;
}

export interface ReviewPeriod {
  id: string;
  kind: RequestKind;
  validFrom: string;
  validTo: string;
  decisionRef: string;
  decidedBy: string;
  decidedOn: string;
  extendsId: string | null;
  createdAt: string;
}

export interface Notification {
  id: string;
  type: string;
  requestId: string | null;
  data: Record<string, unknown> | null;
  createdAt: string;
  readAt: string | null;
}

export interface Delegation {
  id: string;
  delegatorId: string;
  delegatorName: string;
  delegateId: string;
  delegateName: string;
  validFrom: string;
  validTo: string;
  kind: RequestKind | null;
  createdAt: string;
}
