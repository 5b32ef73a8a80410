import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { MAX_ACTUALS_YEARS } from '@domain/cost-progress';
import {
  actualsImportOutcomeSchema,
  actualsStatsSchema,
  costTargetSchema,
  costTargetsSchema,
  setCostTargetBody,
} from '@contracts/cost';
import { actualsTemplate } from '@org-import/actuals';
import { MAX_IMPORT_BYTES, XLSX_MEDIA_TYPE } from '@org-import/read';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema, openApiSchema } from '../common/openapi-schema';
import { parseBody } from '../common/parse-body';
import { UploadLimit } from '../org-import/org-import.controller';
import { rawUpload } from '../org-import/upload';
import { actualsParams, targetsQuery } from './cost-params';
import { CostService } from './cost.service';

const importQuery = z
  .object({
    apply: z
      .enum(['true', 'false'])
      .default('false')
      .describe('true applies the plan; the default is a dry run'),
    fileName: z.string().max(200).optional().describe('The name problems cite, for a raw-body upload'),
  })
  .strict();

interface Upload {
  buffer: Buffer;
  originalname: string;
}

@ApiTags('actuals')
@ApiBearerAuth()
@Controller()
export class CostController {
  constructor(private readonly costs: CostService) {}

  @Post('actuals-import')
  @HttpCode(200)
  @Can('administer', 'Cost')
  @UseInterceptors(UploadLimit, FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data', 'text/csv', XLSX_MEDIA_TYPE)
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  @ApiQueryFrom(importQuery)
  @ApiOkResponse({
    description:
      'The plan of an actuals import (create, change with before and after, unchanged) or its bad rows; ' +
      'applied with apply=true and no bad rows (docs/cost-actuals-import.md)',
    schema: openApiResponseSchema(actualsImportOutcomeSchema),
  })
  @ApiProblems(
    400,
    401,
    403,
    [413, 'The file is over 10 MB'],
    [415, 'The file is no XLSX or CSV'],
    [422, 'The file is an XLSX without the sheet Utfall, or a broken one'],
  )
  async import(
    @Query() query: unknown,
    @User() user: CurrentUser,
    @Req() req: Request,
    @UploadedFile() upload: Upload | undefined,
  ) {
    const q = parseBody(importQuery, query);
    const name = upload?.originalname || q.fileName || 'the file';
    const bytes = upload ? upload.buffer : await rawUpload(req, name);
    return this.costs.import(bytes, name, q.apply === 'true', user);
  }

  @Get('actuals-import/template')
  @Can('administer', 'Cost')
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description:
      'The actuals template: the sheet Utfall with its headers and example rows (docs/cost-actuals-import.md)',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(401, 403)
  @Header('Content-Type', XLSX_MEDIA_TYPE)
  @Header('Content-Disposition', 'attachment; filename="provning-utfall-mall.xlsx"')
  async template() {
    return new StreamableFile(await actualsTemplate());
  }

  @Get('cost-targets')
  @Can('read', 'Cost')
  @ApiQueryFrom(targetsQuery)
  @ApiOkResponse({
    description:
      'The cost targets per year, for the region (divisionId null) and per division. A director or a follow-up ' +
      'role over divisions sees those divisions’ targets; the admin and region-wide roles all of them.',
    schema: openApiResponseSchema(costTargetsSchema),
  })
  @ApiProblems(400, 401, 403)
  targets(@Query() query: unknown, @User() user: CurrentUser) {
    return this.costs.targets(query, user);
  }

  @Put('cost-targets')
  @Can('administer', 'Cost')
  @ApiBody({ schema: openApiSchema(setCostTargetBody) })
  @ApiOkResponse({
    description: 'Sets the year’s target for the division or the region, replacing the one it had (audited)',
    schema: openApiResponseSchema(costTargetSchema),
  })
  @ApiProblems(400, 401, 403)
  setTarget(@Body() body: unknown, @User() user: CurrentUser) {
    return this.costs.setTarget(body, user);
  }

  @Delete('cost-targets/:id')
  @HttpCode(204)
  @Can('administer', 'Cost')
  @ApiNoContentResponse({ description: 'The target is cleared (audited)' })
  @ApiProblems(400, 401, 403, 404)
  async clearTarget(@Param('id', new ParseUUIDPipe()) id: string, @User() user: CurrentUser) {
    await this.costs.clearTarget(id, user);
  }

  @Get('stats/actuals')
  @Can('read', 'Statistics')
  @ApiQueryFrom(actualsParams)
  @ApiOkResponse({
    description:
      'Actuals from the ledger per month against the same month a year earlier, the agency share of total staff ' +
      'cost (own plus hired) against the national aim of 2 %, totals, and each year’s targets with their ' +
      'progress. A division’s figures are its own rows plus its units’. Directors see their own division, the ' +
      `executive every division. Months YYYY-MM, \`to\` inclusive; by default the last twelve months; at most ` +
      `${MAX_ACTUALS_YEARS} years (longer is a 400 naming \`to\`).`,
    schema: openApiResponseSchema(actualsStatsSchema),
  })
  @ApiProblems(400, 401, 403)
  actuals(@Query() query: unknown, @User() user: CurrentUser) {
    return this.costs.actuals(query, user);
  }
}
