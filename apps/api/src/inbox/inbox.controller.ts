import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { inboxSchema } from '@contracts/inbox';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import { REQUEST_KINDS } from '@domain/enums';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @Can('read', 'Inbox')
  @ApiQuery({ name: 'kind', required: false, enum: REQUEST_KINDS })
  @ApiQuery({ name: 'divisionId', required: false })
  @ApiOkResponse({
    description:
      'Open stages the caller may decide now, in their own right or standing in, earliest due first',
    schema: openApiResponseSchema(inboxSchema),
  })
  @ApiProblems(400, 401, 403)
  list(@Query() query: unknown, @User() user: CurrentUser) {
    return this.inbox.inbox(query, user);
  }
}
