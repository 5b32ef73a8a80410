import { z } from 'zod';
import { REQUEST_KINDS } from '@domain/enums';
import { pageSchema } from './paging';
import { caseNumber, requestTitleEnText, requestTitleText } from './requests';
import { count, timestamp, uuid } from './wire';

export const notificationSchema = z.object({
  id: uuid,
  type: z.string(),
  requestId: uuid.nullable(),
  request: z
    .object({
      caseNumber,
      summary: requestTitleText,
      summaryEn: requestTitleEnText,
      kind: z.enum(REQUEST_KINDS),
    })
    .nullable()
    .describe('The request the notification is about, named as lists name it'),
  data: z.record(z.unknown()),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

export const notificationListSchema = pageSchema(notificationSchema).extend({
  unread: count.describe('Unread notifications of the caller, on every page'),
});

export const markAllReadSchema = z.object({
  marked: count.describe('How many notifications this marked read'),
  unread: count.describe('Unread notifications of the caller left (those that arrived meanwhile)'),
});

export type MarkAllRead = z.infer<typeof markAllReadSchema>;
export type Notification = z.infer<typeof notificationSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
