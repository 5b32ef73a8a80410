import { type Client, ScheduleOverlapPolicy } from '@temporalio/client';
import { ensureSchedule } from './ensure-schedule';

/** The resend job of the mail outbox (activities/notification-mail.ts). */
export const MAIL_OUTBOX_SCHEDULE_ID = 'mail-outbox-resend';
export const MAIL_OUTBOX_WORKFLOW_TYPE = 'mailOutboxWorkflow';

/**
 * Every minute. A run still going when the next is due is skipped (and even if two ran, their claims are
 * disjoint: FOR UPDATE SKIP LOCKED); runs missed while the cluster was down are not caught up one by one, as the
 * first run after it takes every mail they would have.
 */
function scheduleOptions(taskQueue: string) {
  return {
    spec: { intervals: [{ every: '1 minute' }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: MAIL_OUTBOX_WORKFLOW_TYPE,
      workflowId: 'mail-outbox-resend',
      taskQueue,
      args: [],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  };
}

/** Creates the schedule or brings it to this spec and task queue (every worker calls it at start). */
export async function ensureMailOutboxSchedule(
  client: Client,
  taskQueue: string,
  scheduleId = MAIL_OUTBOX_SCHEDULE_ID,
): Promise<'created' | 'updated'> {
  return ensureSchedule(client, scheduleId, scheduleOptions(taskQueue));
}
