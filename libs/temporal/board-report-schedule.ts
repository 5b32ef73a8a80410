import { type Client, ScheduleOverlapPolicy } from '@temporalio/client';
import { ensureSchedule } from './ensure-schedule';
import { BUSINESS_TIME_ZONE } from '@domain/calendar';

/** Every morning, the board report workflow asks whether a report is due (mail-outbox-schedule.ts is the other). */
export const BOARD_REPORT_SCHEDULE_ID = 'board-report-daily';
export const BOARD_REPORT_WORKFLOW_TYPE = 'boardReportWorkflow';

/**
 * Daily at 07:00 Stockholm rather than "the first business day", which a calendar spec cannot say: the workflow
 * decides with the Swedish business-day calendar (reportDueOn). A run missed while the cluster was down is caught
 * up within the day; a run still going when the next is due is not doubled.
 */
function scheduleOptions(taskQueue: string) {
  return {
    spec: { calendars: [{ hour: 7, minute: 0 }], timezone: BUSINESS_TIME_ZONE },
    action: {
      type: 'startWorkflow' as const,
      workflowType: BOARD_REPORT_WORKFLOW_TYPE,
      workflowId: 'board-report',
      taskQueue,
      args: [{}],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  };
}

/**
 * Creates the schedule, or brings an existing one to this spec and task queue: every worker and launcher calls it
 * at start, and the second call changes nothing. Returns which it did.
 */
export async function ensureBoardReportSchedule(
  client: Client,
  taskQueue: string,
  scheduleId = BOARD_REPORT_SCHEDULE_ID,
): Promise<'created' | 'updated'> {
  return ensureSchedule(client, scheduleId, scheduleOptions(taskQueue));
}
