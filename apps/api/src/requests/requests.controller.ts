import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { decisionInputSchema } from '@domain/decision-rules';
import { requestInputSchema } from '@domain/request-input';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { openApiSchema } from '../common/openapi-schema';
import { RequestsService } from './requests.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @Can('submit', 'Request')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result',
  })
  @ApiBody({ schema: openApiSchema(requestInputSchema) })
  submit(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @User() user: CurrentUser,
  ) {
    return this.requests.submit(body, key, user);
  }

  @Get()
  @Can('read', 'Request')
  list(@Query() query: unknown, @User() user: CurrentUser) {
    return this.requests.list(query, user);
  }

  @Get(':id')
  @Can('read', 'Request')
  get(@Param('id', uuid) id: string, @User() user: CurrentUser) {
    return this.requests.get(id, user);
  }

  @Get(':id/timeline')
  @Can('read', 'Request')
  timeline(@Param('id', uuid) id: string, @User() user: CurrentUser) {
    return this.requests.timeline(id, user);
  }

  @Post(':id/decisions')
  @Can('decide', 'Request')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retried decision harmless' })
  @ApiBody({ schema: openApiSchema(decisionInputSchema) })
  decide(
    @Param('id', uuid) id: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @User() user: CurrentUser,
  ) {
    return this.requests.decide(id, body, key, user);
  }

  @Post(':id/resubmit')
  @Can('resubmit', 'Request')
  resubmit(@Param('id', uuid) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.requests.resubmit(id, body, user);
  }

  @Post(':id/reassign')
  @Can('reassign', 'Request')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['userId'],
      properties: { userId: { type: 'string', format: 'uuid' } },
    },
  })
  reassign(@Param('id', uuid) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.requests.reassign(id, body, user);
  }

  @Post(':id/withdraw')
  @Can('withdraw', 'Request')
  withdraw(@Param('id', uuid) id: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.requests.withdraw(id, body, user);
  }
}
