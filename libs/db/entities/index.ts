import { AdminAuditLogEntity } from './admin-audit-log.entity';
import { AttachmentBlobEntity, AttachmentEntity } from './attachment.entity';
import { AuditEventEntity } from './audit-event.entity';
import { DecisionEntity } from './decision.entity';
import { DelegationEntity } from './delegation.entity';
import { ExemptionEntity } from './exemption.entity';
import { NotificationEntity } from './notification.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { QuestionEntity } from './question.entity';
import { RequestEntity } from './request.entity';
import { ReviewPeriodEntity } from './review-period.entity';
import { StageEntity } from './stage.entity';
import { ROLLUP_ENTITIES, StatsRollupEntity, StatsStageRollupEntity } from './stats-rollup.entity';
import { RoleAssignmentEntity, UserEntity } from './user.entity';

export {
  AdminAuditLogEntity,
  AttachmentBlobEntity,
  AttachmentEntity,
  AuditEventEntity,
  DecisionEntity,
  DelegationEntity,
  ExemptionEntity,
  NotificationEntity,
  OrgUnitEntity,
  QuestionEntity,
  RequestEntity,
  ReviewPeriodEntity,
  RoleAssignmentEntity,
  StageEntity,
  StatsRollupEntity,
  StatsStageRollupEntity,
  UserEntity,
};

export const ENTITIES = [
  OrgUnitEntity,
  UserEntity,
  RoleAssignmentEntity,
  ReviewPeriodEntity,
  ExemptionEntity,
  DelegationEntity,
  RequestEntity,
  StageEntity,
  DecisionEntity,
  QuestionEntity,
  AuditEventEntity,
  NotificationEntity,
  ...ROLLUP_ENTITIES,
  AdminAuditLogEntity,
  AttachmentEntity,
  AttachmentBlobEntity,
];
