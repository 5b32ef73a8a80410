import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to a request (issue 21): the metadata here always, the bytes in `attachment_blobs` by default or
 * in an S3 bucket (ATTACHMENT_STORE=s3) under the same `storage_key`. The detected media type, size and SHA-256
 * are what was checked on upload; `context` says whether the file came with the submission, a return's answer
 * or a review, and `stage` the stage open then.
 */
export class Attachments1764320000000 implements MigrationInterface {
  name = 'Attachments1764320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "file_name" text NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "uploaded_by" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "context" text NOT NULL, "stage" text,
        CONSTRAINT "PK_attachments" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_attachments_storage_key" UNIQUE ("storage_key"),
        CONSTRAINT "CHK_attachments_context" CHECK ("context" IN ('submission', 'return_answer', 'review')),
        CONSTRAINT "CHK_attachments_size" CHECK ("size_bytes" > 0),
        CONSTRAINT "CHK_attachments_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "FK_attachments_request" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_attachments_uploader" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_attachments_request" ON "attachments" ("request_id", "uploaded_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "attachment_blobs" ("key" text NOT NULL, "bytes" bytea NOT NULL, CONSTRAINT "PK_attachment_blobs" PRIMARY KEY ("key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "attachment_blobs"`);
    await queryRunner.query(`DROP TABLE "attachments"`);
  }
}
