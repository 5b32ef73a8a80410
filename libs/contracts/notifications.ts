import { z } from 'zod';
import { pageSchema } from './paging';
import { count, timestamp, uuid } from './wire';

export const notificationSchema = z.object({
  id: uuid,
  type: z.string(),
  requestId: uuid.nullable(),
  data: z.record(z.unknown()),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

export const notificationListSchema = pageSchema(notificationSchema).extend({
  unread: count.describe('Unread notifications of the caller, on every page'),
});

export type Notification = z.infer<typeof notificationSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
