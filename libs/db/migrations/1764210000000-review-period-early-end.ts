import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A review period can be ended early by a decision of its own: the period keeps the decision that began it and
 * records the one that ended it (reference and date); `valid_to` is the new last day. The end it had before is in
 * `admin_audit_log`, with every correction of a mistyped period.
 */
export class ReviewPeriodEarlyEnd1764210000000 implements MigrationInterface {
  name = 'ReviewPeriodEarlyEnd1764210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "review_periods" ADD "ended_early_ref" text, ADD "ended_early_on" date`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_periods" ADD CONSTRAINT "CHK_review_periods_early_end" CHECK (("ended_early_ref" IS NULL) = ("ended_early_on" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review_periods" DROP CONSTRAINT "CHK_review_periods_early_end"`);
    await queryRunner.query(
      `ALTER TABLE "review_periods" DROP COLUMN "ended_early_on", DROP COLUMN "ended_early_ref"`,
    );
  }
}
