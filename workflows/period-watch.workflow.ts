import * as wf from '@temporalio/workflow';
import type { ReviewActivities } from '@activities/review-activities.types';
import { plannedWarnings } from '@domain/period-watch';
import type { RequestKind } from '@domain/enums';

export interface PeriodWatchInput {
  periodId: string;
  kind: RequestKind;
  validTo: string;
  decisionRef: string;
}

export interface PeriodWatchResult {
  warningsSent: number[];
  extendedBy?: string;
}

/** Sent by the API when an extension of the watched period is recorded: no more warnings. */
export const periodExtendedSignal = wf.defineSignal<[{ extensionId: string }]>('periodExtended');

const record = wf.proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '250 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * One per review period: warns the admins and the executive 14, 7 and 1 days before the period ends while no
 * extension is recorded. The record is asked too, so an extension whose signal was lost still stops the warnings.
 */
export async function reviewPeriodWatchWorkflow(input: PeriodWatchInput): Promise<PeriodWatchResult> {
  const result: PeriodWatchResult = { warningsSent: [] };
  wf.setHandler(periodExtendedSignal, ({ extensionId }) => {
    result.extendedBy ??= extensionId;
  });
  for (const warning of plannedWarnings(input.validTo, new Date(Date.now()))) {
    const ms = warning.at.getTime() - Date.now();
    if (ms > 0) await wf.condition(() => result.extendedBy !== undefined, ms);
    if (result.extendedBy) break;
    const { extendedBy } = await record.warnPeriodEnding({
      ...input,
      daysBefore: warning.daysBefore,
      at: new Date(Date.now()).toISOString(),
    });
    if (extendedBy) {
      result.extendedBy = extendedBy;
      break;
    }
    result.warningsSent.push(warning.daysBefore);
  }
  return result;
}
