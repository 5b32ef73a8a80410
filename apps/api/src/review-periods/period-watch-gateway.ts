import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { AppConfig } from '@config/config';
import type { ReviewPeriod } from '@domain/review-periods';
import {
  periodExtendedSignal,
  type reviewPeriodWatchWorkflow,
  type WatchSubject,
} from '@workflows/period-watch.workflow';
import { reviewEngineUnavailable } from '../common/problem';
import { CONFIG, TEMPORAL_CLIENT } from '../tokens';

export const periodWatchId = (periodId: string, subject: WatchSubject = 'review_period') =>
  `${subject === 'exemption' ? 'exemption' : 'period'}-watch-${periodId}`;

/** Starts and stops the per-period watch that warns before a period lapses without extension. */
@Injectable()
export class PeriodWatchGateway {
  private readonly logger = new Logger('PeriodWatchGateway');

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts the watch; `replace` puts a new one in place of a running one, for a period whose end moved (ended
   * early or corrected): the old one would warn for the old end.
   */
  async watch(
    period: Pick<ReviewPeriod, 'id' | 'kind' | 'validTo' | 'decisionRef'>,
    subject: WatchSubject = 'review_period',
    replace = false,
  ): Promise<void> {
    await this.unavailableAs503(() =>
      this.client.workflow.start<typeof reviewPeriodWatchWorkflow>('reviewPeriodWatchWorkflow', {
        workflowId: periodWatchId(period.id, subject),
        taskQueue: this.config.temporal.taskQueue,
        args: [
          {
            subject,
            periodId: period.id,
            kind: period.kind,
            validTo: period.validTo,
            decisionRef: period.decisionRef,
            warningDays: [...this.config.periodWarningDays],
          },
        ],
        workflowIdConflictPolicy: replace ? 'TERMINATE_EXISTING' : 'USE_EXISTING',
      }),
    );
  }

  /** Tells the extended period's watch to stop; a watch that already finished needs nothing. */
  async extended(basePeriodId: string, extensionId: string): Promise<void> {
    try {
      await this.client.workflow
        .getHandle(periodWatchId(basePeriodId))
        .signal(periodExtendedSignal, { extensionId });
    } catch (error) {
      // The watch asks the record before each warning, so a lost signal cannot cause a wrong warning.
      this.logger.warn(`could not signal the watch of period ${basePeriodId}: ${(error as Error).message}`);
    }
  }

  private async unavailableAs503<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.logger.warn(`Temporal unavailable: ${(error as Error).message}`);
      throw reviewEngineUnavailable();
    }
  }
}
