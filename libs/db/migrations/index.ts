import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { ExemptionsAndDelegations1763910000000 } from './1763910000000-exemptions-and-delegations';
import { MailOutbox1764360000000 } from './1764360000000-mail-outbox';
import { NotificationMail1763920000000 } from './1763920000000-notification-mail';
import { StatisticsRollups1763930000000 } from './1763930000000-statistics-rollups';
import { StageRollups1763940000000 } from './1763940000000-stage-rollups';
import { UserIdentity1764100000000 } from './1764100000000-user-identity';
import { OrganisationValidity1764110000000 } from './1764110000000-organisation-validity';
import { PolicyVersions1764120000000 } from './1764120000000-policy-versions';
import { RecommendationCounters1764130000000 } from './1764130000000-recommendation-counters';
import { ExemptionDecisions1764140000000 } from './1764140000000-exemption-decisions';
import { ReviewPeriodEarlyEnd1764210000000 } from './1764210000000-review-period-early-end';
import { CostActualsAndTargets1764300000000 } from './1764300000000-cost-actuals-and-targets';
import { BoardReportMailings1764310000000 } from './1764310000000-board-report-mailings';
import { Attachments1764320000000 } from './1764320000000-attachments';
import { Questions1764330000000 } from './1764330000000-questions';
import { CaseNumbers1764340000000 } from './1764340000000-case-numbers';
import { CostModel1764350000000 } from './1764350000000-cost-model';
import { RollupLevels1764370000000 } from './1764370000000-rollup-levels';

/** In order; TypeORM records each in the `migrations` table and runs only the new ones. */
export const MIGRATIONS = [
  InitialSchema1763900000000,
  ExemptionsAndDelegations1763910000000,
  NotificationMail1763920000000,
  StatisticsRollups1763930000000,
  StageRollups1763940000000,
  UserIdentity1764100000000,
  OrganisationValidity1764110000000,
  PolicyVersions1764120000000,
  RecommendationCounters1764130000000,
  ExemptionDecisions1764140000000,
  ReviewPeriodEarlyEnd1764210000000,
  CostActualsAndTargets1764300000000,
  BoardReportMailings1764310000000,
  Attachments1764320000000,
  Questions1764330000000,
  CaseNumbers1764340000000,
  CostModel1764350000000,
  MailOutbox1764360000000,
  RollupLevels1764370000000,
];
