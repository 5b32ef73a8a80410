import { AuditEventEntity } from './audit-event.entity';
import { DecisionEntity } from './decision.entity';
import { NotificationEntity } from './notification.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { RequestEntity } from './request.entity';
import { ReviewPeriodEntity } from './review-period.entity';
import { StageEntity } from './stage.entity';
import { RoleAssignmentEntity, UserEntity } from './user.entity';

export {
  AuditEventEntity,
  DecisionEntity,
  NotificationEntity,
  OrgUnitEntity,
  RequestEntity,
  ReviewPeriodEntity,
  RoleAssignmentEntity,
  StageEntity,
  UserEntity,
};

export const ENTITIES = [
  OrgUnitEntity,
  UserEntity,
  RoleAssignmentEntity,
  ReviewPeriodEntity,
  RequestEntity,
  StageEntity,
  DecisionEntity,
  AuditEventEntity,
  NotificationEntity,
];
