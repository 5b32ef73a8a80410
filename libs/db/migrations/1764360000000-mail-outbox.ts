import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifications table becomes the mail outbox: the composed mail is stored on its notification's row in the
 * same transaction, so a worker that dies between the commit and the SMTP send leaves a row the resend job finds.
 * Rows written before this migration have no `mail_to` and are never mailed by it (their fate was already
 * recorded, or lost, under the old at-most-once rule).
 */
export class MailOutbox1764360000000 implements MigrationInterface {
  name = 'MailOutbox1764360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "mail_to" text`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "mail_subject" text`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "mail_text" text`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "mail_attempts" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "mail_claimed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "mail_gave_up_at" TIMESTAMP WITH TIME ZONE`);
    // The resend job's scan: only the few rows still owed a mail, however large the table grows.
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_mail_outbox" ON "notifications" ("mail_claimed_at")
        WHERE mail_to IS NOT NULL AND mailed_at IS NULL AND mail_gave_up_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notifications_mail_outbox"`);
    for (const column of [
      'mail_gave_up_at',
      'mail_claimed_at',
      'mail_attempts',
      'mail_text',
      'mail_subject',
      'mail_to',
    ])
      await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "${column}"`);
  }
}
