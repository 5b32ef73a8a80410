import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { newExemptionSchema } from '@domain/exemptions';
import { Allow } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { openApiSchema } from '../common/openapi-schema';
import { ExemptionsService } from './exemptions.service';

@ApiTags('exemptions')
@ApiBearerAuth()
@Controller('exemptions')
export class ExemptionsController {
  constructor(private readonly exemptions: ExemptionsService) {}

  @Get()
  @Allow('director', 'executive', 'admin')
  list(@User() user: CurrentUser) {
    return this.exemptions.list(user);
  }

  @Post()
  @Allow('director', 'executive')
  @ApiBody({ schema: openApiSchema(newExemptionSchema) })
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.exemptions.create(body, user);
  }

  @Post(':id/revoke')
  @Allow('director', 'executive')
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @User() user: CurrentUser) {
    return this.exemptions.revoke(id, user);
  }
}
