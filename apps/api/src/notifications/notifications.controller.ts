import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, notificationListSchema, notificationSchema } from '../common/openapi-responses';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { NotificationsRepository } from '@db/repositories/notifications.repository';
import { DomainError } from '@domain/errors';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { parseBody } from '../common/parse-body';
import { ApiQueryFrom } from '../common/openapi-query';
import { DATA_SOURCE } from '../tokens';

export const notificationsQuerySchema = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
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
    schema: notificationListSchema,
  })
  @ApiProblems(400, 401)
  async list(@Query() query: unknown, @User() user: CurrentUser) {
    const q = parseBody(notificationsQuerySchema, query);
    const unreadOnly = q.unread === 'true';
    const { total, unread } = await this.notifications.countsFor(user.id);
    const items = await this.notifications.pageFor(user.id, {
      unreadOnly,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { items, total, unread, page: q.page, pageSize: q.pageSize };
  }

  @Post(':id/read')
  @Can('mark_read', 'Notification')
  @ApiCreatedResponse({ description: 'The notification, marked read', schema: notificationSchema })
  @ApiProblems(400, 401, [404, 'The caller has no notification with this id'])
  async markRead(@Param('id', new ParseUUIDPipe()) id: string, @User() user: CurrentUser) {
    const row = await this.notifications.markRead(id, user.id);
    if (!row) throw new DomainError('not_found', `No notification ${id}`);
    return row;
  }
}
