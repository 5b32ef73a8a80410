import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The e-mail copy of a notification: when the SMTP server accepted it, or why it could not be sent. */
export class NotificationMail1763920000000 implements MigrationInterface {
  name = 'NotificationMail1763920000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "mailed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "mail_error" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "mail_error"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "mailed_at"`);
  }
}
