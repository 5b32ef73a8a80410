import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  notificationListSchema,
  notificationSchema,
  type Notification,
  type NotificationList,
} from '@contracts/notifications';
import { pageOf, pageQuery, SCREEN_PAGE_SIZE } from '@contracts/paging';
import { ApiProblems } from '../common/openapi-responses';
import type { DataSource } from 'typeorm';
import { NotificationsRepository } from '@db/repositories/notifications.repository';
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
    return { ...pageOf(items, total, q), unread };
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
    return row;
  }
}
