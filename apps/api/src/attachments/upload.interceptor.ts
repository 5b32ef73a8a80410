import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { AppConfig } from '@config/config';
import { problem, ProblemException } from '../common/problem';
import { CONFIG } from '../tokens';

export interface UploadedAttachment {
  buffer: Buffer;
  originalname: string;
}

const fileProblem = (status: number, message: string) =>
  new ProblemException(problem(status, `The file ${message}`, { errors: [{ field: 'file', message }] }));

/**
 * Reads the one multipart field `file` into memory, up to ATTACHMENT_MAX_BYTES (a decorator's options are fixed
 * when the class is defined, so the configured limit needs this wrapper); multer stops reading past the limit.
 * The name is kept as sent (preservePath: busboy would otherwise cut `../x` down to `x` silently) and read as
 * UTF-8, as browsers send it, so the service can refuse a name with path characters rather than keep a
 * rewritten one.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    const Multer: Type<NestInterceptor> = FileInterceptor('file', {
      preservePath: true,
      defParamCharset: 'utf8',
      limits: { fileSize: config.attachments.maxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 },
    });
    this.inner = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'multipart/form-data')
      throw new ProblemException(problem(415, 'Send the file as the multipart/form-data field "file"'));
    try {
      return await this.inner.intercept(context, next);
    } catch (error) {
      const maxMb = Number((this.config.attachments.maxBytes / 1024 / 1024).toFixed(2));
      if (error instanceof PayloadTooLargeException)
        throw fileProblem(413, `is larger than the ${maxMb} MB a file may be`);
      if (error instanceof BadRequestException)
        throw fileProblem(400, `must be one file, in the field "file" (${error.message})`);
      throw fileProblem(400, `could not be read as multipart/form-data (${(error as Error).message})`);
    }
  }
}
