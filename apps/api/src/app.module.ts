import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@config/config';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { AttachmentUploadInterceptor } from './attachments/upload.interceptor';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { CodecController } from './codec/codec.controller';
import { ProblemFilter } from './common/problem.filter';
import { HealthController } from './health/health.controller';
import { LeaversController } from './leavers/leavers.controller';
import { LeaversService } from './leavers/leavers.service';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { OrgController } from './org/org.controller';
import { OrgAdminController } from './org/org-admin.controller';
import { OrgAdminService } from './org/org-admin.service';
import { CostController } from './cost/cost.controller';
import { CostService } from './cost/cost.service';
import { OrgImportController } from './org-import/org-import.controller';
import { OrgImportService } from './org-import/org-import.service';
import { QuestionsController } from './requests/questions.controller';
import { RequestsController } from './requests/requests.controller';
import { BulkDecisionsController } from './requests/bulk-decisions.controller';
import { BulkDecisionsService } from './requests/bulk-decisions.service';
import { QuestionsService } from './requests/questions.service';
import { RequestsService } from './requests/requests.service';
import { ReviewGateway } from './requests/review-gateway';
import { ReviewPeriodsController } from './review-periods/review-periods.controller';
import { ReviewPeriodsService } from './review-periods/review-periods.service';
import { PeriodWatchGateway } from './review-periods/period-watch-gateway';
import { ExemptionsController } from './exemptions/exemptions.controller';
import { DelegationsController } from './delegations/delegations.controller';
import { DelegationsService } from './delegations/delegations.service';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { NotificationsController } from './notifications/notifications.controller';
import { ExemptionsService } from './exemptions/exemptions.service';
import { BoardReportController } from './stats/board-report.controller';
import { BoardReportService } from './stats/board-report.service';
import { StatsController } from './stats/stats.controller';
import { StatsService } from './stats/stats.service';
import { PeopleAdminController } from './people/people-admin.controller';
import { PeopleAdminService } from './people/people-admin.service';
import { UsersController } from './users/users.controller';
import { PolicyVersionsController } from './policy-versions/policy-versions.controller';
import { PolicyVersionsService } from './policy-versions/policy-versions.service';
import { UsersService } from './users/users.service';
import { CONFIG, DATA_SOURCE, TEMPORAL_CLIENT } from './tokens';

export interface ApiDependencies {
  config: AppConfig;
  dataSource: DataSource;
  temporalClient: Client;
}

/** The API is given its database and Temporal client, so npm start, production and tests wire it alike. */
@Module({})
export class AppModule {
  static with(deps: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [
        AuthController,
        OrgController,
        OrgAdminController,
        OrgImportController,
        CostController,
        ReviewPeriodsController,
        ExemptionsController,
        DelegationsController,
        InboxController,
        NotificationsController,
        RequestsController,
        BulkDecisionsController,
        QuestionsController,
        AttachmentsController,
        LeaversController,
        StatsController,
        BoardReportController,
        UsersController,
        PeopleAdminController,
        PolicyVersionsController,
        HealthController,
        MetricsController,
        CodecController,
      ],
      providers: [
        { provide: CONFIG, useValue: deps.config },
        { provide: DATA_SOURCE, useValue: deps.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: deps.temporalClient },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        AuthService,
        PolicyVersionsService,
        OrgAdminService,
        ReviewPeriodsService,
        PeriodWatchGateway,
        ExemptionsService,
        DelegationsService,
        InboxService,
        RequestsService,
        BulkDecisionsService,
        QuestionsService,
        AttachmentsService,
        AttachmentUploadInterceptor,
        ReviewGateway,
        MetricsService,
        StatsService,
        BoardReportService,
        UsersService,
        OrgImportService,
        CostService,
        PeopleAdminService,
        LeaversService,
      ],
    };
  }
}
