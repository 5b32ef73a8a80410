import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import {
  newDraftSchema,
  policyVersionListSchema,
  policyVersionSchema,
  previewRequestSchema,
  previewSchema,
  publishSchema,
  validationSchema,
  versionNumber,
} from '@contracts/policy-versions';
import { routeDraftSchema } from '@domain/route-rules';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { parseBody } from '../common/parse-body';
import type { AppAbility } from '../auth/abilities';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { PolicyVersionsService } from './policy-versions.service';

const versionParam = z.object({ version: z.coerce.number().pipe(versionNumber) });
const versionOf = (version: string) => parseBody(versionParam, { version }).version;
const VERSION = ApiParam({ name: 'version', type: 'integer', description: 'The route version number' });

@ApiTags('policy-versions')
@ApiBearerAuth()
@Controller('policy-versions')
export class PolicyVersionsController {
  constructor(private readonly versions: PolicyVersionsService) {}

  @Get()
  @Can('administer', 'Policy')
  @ApiOkResponse({
    description: 'Every route version: published ones (past, in force, coming) and drafts',
    schema: openApiResponseSchema(policyVersionListSchema),
  })
  @ApiProblems(401, 403)
  list() {
    return this.versions.list();
  }

  @Get('in-force')
  @Can('read', 'Policy')
  @ApiOkResponse({
    description: 'The route version in force today: what a request submitted now is reviewed under',
    schema: openApiResponseSchema(policyVersionSchema),
  })
  @ApiProblems(401)
  inForce() {
    return this.versions.inForce();
  }

  @Get(':version')
  @Can('read', 'Policy')
  @VERSION
  @ApiOkResponse({
    description: 'A route version (drafts only to the admin)',
    schema: openApiResponseSchema(policyVersionSchema),
  })
  @ApiProblems(400, 401, [404, 'No such version, or a draft and the caller may not edit routes'])
  get(@Param('version') version: string, @Req() req: { ability: AppAbility }) {
    return this.versions.get(versionOf(version), req.ability.can('administer', 'Policy'));
  }

  @Post()
  @Can('administer', 'Policy')
  @ApiBody({ schema: openApiSchema(newDraftSchema) })
  @ApiCreatedResponse({
    description: 'A new draft, a copy of `copyOf` (default: the version in force today)',
    schema: openApiResponseSchema(policyVersionSchema),
  })
  @ApiProblems(400, 401, 403, 413, [422, 'No version `copyOf`'])
  create(@Body() body: unknown, @User() user: CurrentUser) {
    return this.versions.createDraft(body, user);
  }

  @Put(':version')
  @Can('administer', 'Policy')
  @VERSION
  @ApiBody({ schema: openApiSchema(routeDraftSchema) })
  @ApiOkResponse({
    description: 'The saved draft, with what would still stop its publication in `problems`',
    schema: openApiResponseSchema(policyVersionSchema),
  })
  @ApiProblems(
    400,
    401,
    403,
    [404, 'No such version'],
    [409, 'The version is published and never changes'],
    413,
  )
  update(@Param('version') version: string, @Body() body: unknown) {
    return this.versions.updateDraft(versionOf(version), body);
  }

  @Post(':version/validate')
  @HttpCode(200)
  @Can('administer', 'Policy')
  @VERSION
  @ApiOkResponse({
    description: 'The problems that would stop publication, each at its field',
    schema: openApiResponseSchema(validationSchema),
  })
  @ApiProblems(400, 401, 403, [404, 'No such version'])
  validate(@Param('version') version: string) {
    return this.versions.validate(versionOf(version));
  }

  @Post(':version/preview')
  @HttpCode(200)
  @Can('administer', 'Policy')
  @VERSION
  @ApiBody({ schema: openApiSchema(previewRequestSchema) })
  @ApiOkResponse({
    description: 'The stages an example request would go through, each with its deadline',
    schema: openApiResponseSchema(previewSchema),
  })
  @ApiProblems(400, 401, 403, [404, 'No such version'], 413)
  preview(@Param('version') version: string, @Body() body: unknown) {
    return this.versions.preview(versionOf(version), body);
  }

  @Post(':version/publish')
  @HttpCode(200)
  @Can('publish', 'Policy')
  @VERSION
  @ApiBody({ schema: openApiSchema(publishSchema) })
  @ApiOkResponse({
    description: 'The published version; it never changes again',
    schema: openApiResponseSchema(policyVersionSchema),
  })
  @ApiProblems(400, 401, 403, [404, 'No such version'], [409, 'Already published'], 413, [
    422,
    'The draft breaks a rule of routes, or the dates do not fit; `errors` names each field',
  ])
  publish(@Param('version') version: string, @Body() body: unknown, @User() user: CurrentUser) {
    return this.versions.publish(versionOf(version), body, user);
  }
}
