import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
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
  list(@Query() query: unknown, @User() user: CurrentUser) {
    return this.inbox.inbox(query, user);
  }
}
