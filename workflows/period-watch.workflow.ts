import * as wf from '@temporalio/workflow';
import type { ReviewActivities } from '@activities/review-activities.types';
import { LEGACY_PERIOD_WARNING_DAYS, plannedWarnings } from '@domain/period-watch';
import type { RequestKind } from '@domain/enums';

export type WatchSubject = 'review_period' | 'exemption';

export interface PeriodWatchInput {
  /** A review period, or an exemption (which lapses the same way). Absent in watches started before exemptions. */
  subject?: WatchSubject;
  periodId: string;
  kind: RequestKind;
  validTo: string;
  decisionRef: string;
  /**
   * Days before `validTo` to warn on (PERIOD_WARNING_DAYS when the API started the watch). Absent in watches started
   * before lead times were configurable: they keep the 14, 7 and 1 days they were planned with, so they replay.
   */
  warningDays?: number[];
}

export interface PeriodWatchResult {
  warningsSent: number[];
  extendedBy?: string;
  revoked?: boolean;
}

/** Sent by the API when an extension of the watched period is recorded: no more warnings. */
export const periodExtendedSignal = wf.defineSignal<[{ extensionId: string }]>('periodExtended');

const record = wf.proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '250 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * One per review period or exemption: warns the admins, the executive and the follow-up role at the input's lead
 * times before the period ends while no extension is recorded. The record is asked too, so an extension whose
 * signal was lost still stops the warnings. A period ended early or corrected gets a new watch in place of this one.
 */
export async function reviewPeriodWatchWorkflow(input: PeriodWatchInput): Promise<PeriodWatchResult> {
  const result: PeriodWatchResult = { warningsSent: [] };
  wf.setHandler(periodExtendedSignal, ({ extensionId }) => {
    result.extendedBy ??= extensionId;
  });
  for (const warning of plannedWarnings(
    input.validTo,
    new Date(Date.now()),
    input.warningDays ?? LEGACY_PERIOD_WARNING_DAYS,
  )) {
    const ms = warning.at.getTime() - Date.now();
    if (ms > 0) await wf.condition(() => result.extendedBy !== undefined, ms);
    if (result.extendedBy) break;
    const { extendedBy, revoked } = await record.warnPeriodEnding({
      ...input,
      subject: input.subject ?? 'review_period',
      daysBefore: warning.daysBefore,
      at: new Date(Date.now()).toISOString(),
    });
    if (extendedBy || revoked) {
      Object.assign(result, extendedBy ? { extendedBy } : { revoked });
      break;
    }
    result.warningsSent.push(warning.daysBefore);
  }
  return result;
}
