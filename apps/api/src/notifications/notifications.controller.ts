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

const COLUMNS = `id, type, request_id AS "requestId", data, created_at AS "createdAt", read_at AS "readAt"`;

/** The caller's own notifications: reminders, escalations, returns, decisions, lapse warnings. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

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
    const [{ total, unread }] = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE recipient_id = $1`,
      [user.id],
    );
    const items = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications WHERE recipient_id = $1 AND (NOT $2 OR read_at IS NULL)
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [user.id, unreadOnly, q.pageSize, (q.page - 1) * q.pageSize],
    );
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
    // TypeORM answers an UPDATE with [rows, count].
    const [[row]] = await this.dataSource.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_id = $2 RETURNING ${COLUMNS}`,
      [id, user.id],
    );
    if (!row) throw new DomainError('not_found', `No notification ${id}`);
    return row;
  }
}
