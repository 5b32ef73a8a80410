import {
  type CallHandler,
  Controller,
  type ExecutionContext,
  Get,
  Header,
  HttpCode,
  type NestInterceptor,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { z } from 'zod';
import { adminAuditPageSchema, importOutcomeSchema } from '@contracts/org-import';
import { MAX_PAGE_SIZE, pageQuery } from '@contracts/paging';
import { MAX_IMPORT_BYTES, XLSX_MEDIA_TYPE } from '@org-import/read';
import { templateWorkbook } from '@org-import/template';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiQueryFrom } from '../common/openapi-query';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import { parseBody } from '../common/parse-body';
import { OrgImportService } from './org-import.service';
import { rawUpload, tooLarge } from './upload';

const importQuery = z
  .object({
    apply: z
      .enum(['true', 'false'])
      .default('false')
      .describe('true applies the plan; the default is a dry run'),
    fileName: z.string().max(200).optional().describe('The name problems cite, for a raw-body upload'),
  })
  .strict();
const auditQuery = z.object({ ...pageQuery(MAX_PAGE_SIZE) }).strict();

/** Multer's own "File too large" as the import's message, naming the file's limit. */
export class UploadLimit implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((e: unknown) =>
          throwError(() => (e instanceof PayloadTooLargeException ? tooLarge('The file') : e)),
        ),
      );
  }
}

interface Upload {
  buffer: Buffer;
  originalname: string;
}

@ApiTags('org-import')
@ApiBearerAuth()
@Controller()
export class OrgImportController {
  constructor(private readonly imports: OrgImportService) {}

  @Post('org-import')
  @HttpCode(200)
  @Can('administer', 'Organisation')
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
      'The plan of the import (create, change, deactivate, unchanged) or the bad rows; applied with apply=true ' +
      'and no bad rows (docs/organisation-import.md)',
    schema: openApiResponseSchema(importOutcomeSchema),
  })
  @ApiProblems(
    400,
    401,
    403,
    [413, 'The file is over 10 MB'],
    [415, 'The file is no XLSX or CSV'],
    [422, 'The file is an XLSX without the sheets Enheter and Personer, or a broken one'],
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
    return this.imports.import(bytes, name, q.apply === 'true', user.id);
  }

  @Get('org-import/template')
  @Can('administer', 'Organisation')
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description:
      'The import template: the sheets Enheter and Personer with their headers and an example region ' +
      '(docs/organisation-import.md)',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(401, 403)
  @Header('Content-Type', XLSX_MEDIA_TYPE)
  @Header('Content-Disposition', 'attachment; filename="provning-organisation-mall.xlsx"')
  async template() {
    return new StreamableFile(await templateWorkbook());
  }

  @Get('admin-audit')
  @Can('administer', 'Organisation')
  @ApiQueryFrom(auditQuery)
  @ApiOkResponse({
    description: 'A page of the changes to the organisation, newest first, with each row before and after',
    schema: openApiResponseSchema(adminAuditPageSchema),
  })
  @ApiProblems(400, 401, 403)
  async audit(@Query() query: unknown) {
    return this.imports.auditPage(parseBody(auditQuery, query));
  }
}
