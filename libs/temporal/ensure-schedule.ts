import { type Client, type ScheduleOptions, ScheduleAlreadyRunning } from '@temporalio/client';

/**
 * Creates a schedule, or brings an existing one to these options: every worker and launcher calls it at start for
 * each of the product's schedules (board-report-schedule.ts, mail-outbox-schedule.ts), and a second call changes
 * nothing but what a new release changed. Returns which it did.
 */
export async function ensureSchedule(
  client: Client,
  scheduleId: string,
  options: Pick<ScheduleOptions, 'spec' | 'action' | 'policies'>,
): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create({ scheduleId, ...options });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: { ...previous.policies, ...options.policies },
    }));
    return 'updated';
  }
}
