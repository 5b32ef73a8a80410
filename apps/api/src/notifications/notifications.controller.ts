import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  markAllReadSchema,
  notificationListSchema,
  notificationSchema,
  type MarkAllRead,
  type Notification,
  type NotificationList,
} from '@contracts/notifications';
import { pageOf, pageQuery, SCREEN_PAGE_SIZE } from '@contracts/paging';
import { ApiProblems } from '../common/openapi-responses';
import type { DataSource } from 'typeorm';
import { NotificationsRepository, type NotificationRow } from '@db/repositories/notifications.repository';
import { formatCaseNumber } from '@domain/case-number';
import { requestTitles } from '@domain/request-title';
import { DomainError } from '@domain/errors';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { parseBody } from '../common/parse-body';
import { ApiQueryFrom } from '../common/openapi-query';
import { openApiResponseSchema } from '../common/openapi-schema';
import { DATA_SOURCE } from '../tokens';

export const notificationsQuerySchema = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    ...pageQuery(SCREEN_PAGE_SIZE),
  })
  .strict();

export const markAllReadBodySchema = z
  .object({
    before: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO 8601 instant' })
      .optional()
      .describe('Mark only those created at or before this instant (when the list was shown); default now'),
  })
  .strict();

/** A notification as the API answers it: its request named by case number and title. */
function notificationOf(row: NotificationRow): Notification {
  const { caseYear, caseSeq, requestPayload, requestKind, ...rest } = row;
  return {
    ...rest,
    request:
      caseYear !== null && caseSeq !== null && requestPayload && requestKind
        ? {
            caseNumber: formatCaseNumber({ year: caseYear, seq: caseSeq }),
            ...requestTitles(requestPayload),
            kind: requestKind,
          }
        : null,
  };
}

/** The caller's own notifications: reminders, escalations, returns, decisions, lapse warnings. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  private readonly notifications: NotificationsRepository;
  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.notifications = new NotificationsRepository(dataSource);
  }

  @Get()
  @Can('read', 'Notification')
  @ApiQueryFrom(notificationsQuerySchema)
  @ApiOkResponse({
    description: "A page of the caller's notifications, newest first",
    schema: openApiResponseSchema(notificationListSchema),
  })
  @ApiProblems(400, 401)
  async list(@Query() query: unknown, @User() user: CurrentUser): Promise<NotificationList> {
    const q = parseBody(notificationsQuerySchema, query);
    const unreadOnly = q.unread === 'true';
    const { total, unread } = await this.notifications.countsFor(user.id);
    const items = await this.notifications.pageFor(user.id, {
      unreadOnly,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { ...pageOf(items.map(notificationOf), total, q), unread };
  }

  @Post('read-all')
  @Can('mark_read', 'Notification')
  @ApiCreatedResponse({
    description: "Every unread notification of the caller's, marked read",
    schema: openApiResponseSchema(markAllReadSchema),
  })
  @ApiProblems(400, 401)
  async markAllRead(@Body() body: unknown, @User() user: CurrentUser): Promise<MarkAllRead> {
    const q = parseBody(markAllReadBodySchema, body ?? {});
    const marked = await this.notifications.markAllRead(user.id, q.before ? new Date(q.before) : new Date());
    const { unread } = await this.notifications.countsFor(user.id);
    return { marked, unread };
  }

  @Post(':id/read')
  @Can('mark_read', 'Notification')
  @ApiCreatedResponse({
    description: 'The notification, marked read',
    schema: openApiResponseSchema(notificationSchema),
  })
  @ApiProblems(400, 401, [404, 'The caller has no notification with this id'])
  async markRead(
    @Param('id', new ParseUUIDPipe()) id: string,
    @User() user: CurrentUser,
  ): Promise<Notification> {
    const row = await this.notifications.markRead(id, user.id);
    if (!row) throw new DomainError('not_found', `No notification ${id}`);
    return notificationOf(row);
  }
}
