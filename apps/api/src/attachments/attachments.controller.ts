import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { attachmentListSchema, attachmentSchema } from '@contracts/attachments';
import { ATTACHMENT_MEDIA_TYPES, contentDisposition } from '@domain/attachments';
import { Can } from '../auth/allow.decorator';
import { type CurrentUser, User } from '../auth/current-user';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import { AttachmentsService } from './attachments.service';
import { AttachmentUploadInterceptor, type UploadedAttachment } from './upload.interceptor';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Can('attach', 'Request')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      'One file per call, in the field `file`: PDF, PNG, JPEG, Word (.docx, .doc) or Excel (.xlsx, .xls), judged ' +
      'by its content; at most ATTACHMENT_MAX_BYTES (10 MB unless configured)',
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  @ApiCreatedResponse({
    description: 'The stored file; the request’s timeline gains an attachment_added event',
    schema: openApiResponseSchema(attachmentSchema),
  })
  @ApiProblems(
    [400, 'No file, more than one, or a file name with path or control characters or over 200 characters'],
    401,
    [403, 'The caller may not add files to this request now'],
    [404, 'No request with this id that the caller may see'],
    [409, 'The request already has as many files as it may (ATTACHMENTS_PER_REQUEST)'],
    [413, 'The file is larger than ATTACHMENT_MAX_BYTES'],
    [415, 'The body is not multipart/form-data, or the file is none of the accepted types'],
  )
  add(
    @Param('id', uuid) id: string,
    @UploadedFile() upload: UploadedAttachment | undefined,
    @User() user: CurrentUser,
  ) {
    return this.attachments.add(id, upload, user);
  }

  @Get()
  @Can('read', 'Request')
  @ApiOkResponse({
    description: 'The files of the request, oldest first, and the limits for adding more',
    schema: openApiResponseSchema(attachmentListSchema),
  })
  @ApiProblems(400, 401, [404, 'No request with this id that the caller may see'])
  list(@Param('id', uuid) id: string, @User() user: CurrentUser) {
    return this.attachments.list(id, user);
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @Can('attach', 'Request')
  @ApiNoContentResponse({
    description: 'The file is removed; the timeline gains an attachment_removed event',
  })
  @ApiProblems(
    400,
    401,
    [403, 'Not the uploader, or the request is no longer with them'],
    [404, 'No request with this id that the caller may see, or no such file on it'],
  )
  async remove(
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @User() user: CurrentUser,
  ) {
    await this.attachments.remove(id, attachmentId, user);
  }

  @Get(':attachmentId')
  @Can('read', 'Request')
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @ApiOkResponse({
    description: 'The file, as an attachment (Content-Disposition), with the media type detected on upload',
    content: Object.fromEntries(
      ATTACHMENT_MEDIA_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiProblems(400, 401, [404, 'No request with this id that the caller may see, or no such file on it'])
  async download(
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @User() user: CurrentUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { row, bytes } = await this.attachments.download(id, attachmentId, user);
    res.set({
      'Content-Type': row.mediaType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': contentDisposition(row.fileName),
      'X-Content-Type-Options': 'nosniff',
      // A file about a person's employment is not for shared caches.
      'Cache-Control': 'private, no-store',
    });
    return new StreamableFile(bytes);
  }
}
