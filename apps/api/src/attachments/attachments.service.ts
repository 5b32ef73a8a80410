import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@config/config';
import type { Attachment, AttachmentList } from '@contracts/attachments';
import { openAttachmentStore } from '@db/attachment-store/open-store';
import type { AttachmentStore } from '@db/attachment-store/store';
import { AttachmentsRepository, type AttachmentRow } from '@db/repositories/attachments.repository';
import { AuditEventsRepository } from '@db/repositories/audit-events.repository';
import { RequestsRepository, type RequestRow } from '@db/repositories/requests.repository';
import { StagesRepository } from '@db/repositories/stages.repository';
import { attachmentContext, attachmentNameProblem, detectAttachmentType } from '@domain/attachments';
import { isReviewerRole } from '@domain/enums';
import { DomainError } from '@domain/errors';
import type { CurrentUser } from '../auth/current-user';
import { problem, ProblemException } from '../common/problem';
import { CONFIG, DATA_SOURCE } from '../tokens';
import type { UploadedAttachment } from './upload.interceptor';

/**
 * Attachments on requests: who may see a request may list and download its files (the same SQL visibility rule
 * as the request itself); the requester and the reviewers add them while it is theirs to act on. Every file is
 * checked whole (name, size, content type, the request's count) before anything is stored.
 */
@Injectable()
export class AttachmentsService {
  private readonly requests: RequestsRepository;
  private readonly stages: StagesRepository;
  private readonly attachments: AttachmentsRepository;
  /** The S3 store is one client for the process; the PostgreSQL store writes in the upload's transaction. */
  private readonly objectStore?: AttachmentStore;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.requests = new RequestsRepository(dataSource);
    this.stages = new StagesRepository(dataSource);
    this.attachments = new AttachmentsRepository(dataSource);
    if (config.attachments.store.kind === 's3')
      this.objectStore = openAttachmentStore(config.attachments.store, dataSource);
  }

  private async visibleRow(id: string, user: CurrentUser): Promise<RequestRow> {
    const row = await this.requests.visibleById(id, user.id);
    // As GET /requests/{id}: not yours and not there look the same.
    if (!row) throw new DomainError('not_found', `No request ${id}`);
    return row;
  }

  async list(requestId: string, user: CurrentUser): Promise<AttachmentList> {
    await this.visibleRow(requestId, user);
    const rows = await this.attachments.ofRequest(requestId);
    return {
      items: rows.map(answerOf),
      limits: { maxBytes: this.config.attachments.maxBytes, perRequest: this.config.attachments.perRequest },
    };
  }

  async add(
    requestId: string,
    upload: UploadedAttachment | undefined,
    user: CurrentUser,
  ): Promise<Attachment> {
    const row = await this.visibleRow(requestId, user);
    const now = new Date();
    const context = attachmentContext({
      isRequester: row.requesterId === user.id,
      isReviewer: user.grants.some((g) => isReviewerRole(g.role)),
      status: row.status,
      submittedAt: new Date(row.submittedAt),
      now,
    });
    if (!context)
      throw new DomainError(
        'not_allowed',
        `You may not add files to this request now (it is ${row.status}): the requester adds them while it is ` +
          'in review or returned, a reviewer while it is in review',
      );
    if (!upload)
      throw new DomainError('validation_failed', 'Send one file in the multipart field "file"', [
        { field: 'file', message: 'is required' },
      ]);
    const nameProblem = attachmentNameProblem(upload.originalname);
    if (nameProblem)
      throw new DomainError('validation_failed', `The file name ${nameProblem}`, [
        { field: 'file.name', message: nameProblem },
      ]);
    if (upload.buffer.length === 0)
      throw new DomainError('validation_failed', 'The file is empty', [
        { field: 'file', message: 'is empty' },
      ]);
    const mediaType = detectAttachmentType(upload.buffer);
    if (!mediaType)
      throw new ProblemException(
        problem(415, 'The file is not a PDF, PNG, JPEG, Word (.docx, .doc) or Excel (.xlsx, .xls) file', {
          errors: [
            { field: 'file', message: 'is not a PDF, PNG, JPEG, Word or Excel file (judged by its content)' },
          ],
        }),
      );
    const id = randomUUID();
    const storageKey = `requests/${requestId}/${id}`;
    const stage = (await this.stages.openOf(requestId))?.name ?? null;
    const perRequest = this.config.attachments.perRequest;
    let stored = false;
    try {
      return answerOf(
        await this.dataSource.transaction(async (db) => {
          const count = await new AttachmentsRepository(db).lockAndCount(requestId);
          if (count >= perRequest)
            throw new DomainError(
              'conflict',
              `The request already has ${count} files, the most it may have`,
              [{ field: 'file', message: `would be file ${count + 1}; a request may have ${perRequest}` }],
            );
          const store = this.objectStore ?? openAttachmentStore({ kind: 'postgres' }, db);
          await store.put(storageKey, upload.buffer, mediaType);
          stored = true;
          const saved = await new AttachmentsRepository(db).insert({
            id,
            requestId,
            fileName: upload.originalname,
            mediaType,
            sizeBytes: upload.buffer.length,
            sha256: createHash('sha256').update(upload.buffer).digest('hex'),
            storageKey,
            uploadedBy: user.id,
            context,
            stage,
          });
          await new AuditEventsRepository(db).appendOnce({
            eventKey: `attachment_added:${id}`,
            requestId,
            type: 'attachment_added',
            actorId: user.id,
            at: now.toISOString(),
            data: {
              attachmentId: id,
              fileName: saved.fileName,
              sizeBytes: saved.sizeBytes,
              mediaType,
              context,
              stage,
            },
          });
          return saved;
        }),
      );
    } catch (error) {
      // The metadata rolled back: an object already in the bucket must not outlive it.
      if (stored && this.objectStore) await this.objectStore.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The uploader takes back their own file while they could still add one (the same rule): a requester's file
   * while the request is in review or returned, a reviewer's while it is in review. The timeline keeps both
   * events; the bytes go with the metadata.
   */
  async remove(requestId: string, id: string, user: CurrentUser): Promise<void> {
    const row = await this.visibleRow(requestId, user);
    const attachment = await this.attachments.byId(requestId, id);
    if (!attachment) throw new DomainError('not_found', `No attachment ${id} on request ${requestId}`);
    const mayAddNow = attachmentContext({
      isRequester: row.requesterId === user.id,
      isReviewer: user.grants.some((g) => isReviewerRole(g.role)),
      status: row.status,
      submittedAt: new Date(row.submittedAt),
      now: new Date(),
    });
    if (attachment.uploadedBy.id !== user.id || !mayAddNow)
      throw new DomainError(
        'not_allowed',
        'Only the one who added a file may remove it, and only while the request is still with them',
      );
    await this.dataSource.transaction(async (db) => {
      await new AttachmentsRepository(db).remove(requestId, id);
      if (!this.objectStore)
        await openAttachmentStore({ kind: 'postgres' }, db).delete(attachment.storageKey);
      await new AuditEventsRepository(db).appendOnce({
        eventKey: `attachment_removed:${id}`,
        requestId,
        type: 'attachment_removed',
        actorId: user.id,
        at: new Date().toISOString(),
        data: { attachmentId: id, fileName: attachment.fileName, sizeBytes: attachment.sizeBytes },
      });
    });
    // After the commit: a failure here leaves an unreferenced object, never a listed file without its bytes.
    await this.objectStore?.delete(attachment.storageKey);
  }

  async download(
    requestId: string,
    id: string,
    user: CurrentUser,
  ): Promise<{ row: AttachmentRow; bytes: Buffer }> {
    await this.visibleRow(requestId, user);
    const row = await this.attachments.byId(requestId, id);
    if (!row) throw new DomainError('not_found', `No attachment ${id} on request ${requestId}`);
    const store = this.objectStore ?? openAttachmentStore({ kind: 'postgres' }, this.dataSource);
    const bytes = await store.get(row.storageKey);
    if (!bytes)
      throw new DomainError('not_found', `The bytes of attachment ${id} are missing from the store`);
    return { row, bytes };
  }
}

function answerOf(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    requestId: row.requestId,
    fileName: row.fileName,
    mediaType: row.mediaType as Attachment['mediaType'],
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt,
    context: row.context,
    stage: row.stage,
  };
}
