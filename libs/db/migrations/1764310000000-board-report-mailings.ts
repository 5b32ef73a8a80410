import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board reports the schedule has mailed: one row per month and recipient, so that a retried activity or a
 * second run of the month's schedule does not mail anyone twice. `sent_at` is set in the transaction that holds
 * the row's lock while the mail goes out; a row without it is a send that failed and is tried again.
 */
export class BoardReportMailings1764310000000 implements MigrationInterface {
  name = 'BoardReportMailings1764310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "board_report_mailings" ("month" text NOT NULL, "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE, "scope" text NOT NULL, "email" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_board_report_mailings" PRIMARY KEY ("month", "user_id"), CONSTRAINT "CHK_board_report_mailings_month" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "board_report_mailings"`);
  }
}
