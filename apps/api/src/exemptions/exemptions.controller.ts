import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { newExemptionSchema } from '@domain/exemptions';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { openApiSchema } from '../common/openapi-schema';
import { ExemptionsService } from './exemptions.service';

@ApiTags('exemptions')
@ApiBearerAuth()
@Controller('exemptions')
export class ExemptionsController {
  constructor(private readonly exemptions: ExemptionsService) {}

  @Get()
  @Can('read', 'Exemption')
  list(@User() user: CurrentUser) {
    return this.exemptions.list(user);
  }

  @Post()
  @Can('create', 'Exemption')
  @ApiBody({ schema: openApiSchema(newExemptionSchema) })
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.exemptions.create(body, user);
  }

  @Post(':id/revoke')
  @Can('revoke', 'Exemption')
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @User() user: CurrentUser) {
    return this.exemptions.revoke(id, user);
  }
}
