import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recommending stages (issue 19): each stage's mode (deciding or recommending) on its row; in the statistics, per stage, the recommendations apart (tillstyrkt, avstyrkt); per request,
 * the decisions that went against the standing recommendation ("avstyrkta men beviljade", and the reverse).
 * No backfill: no recommendation was recorded before this migration (the outcomes did not exist).
 */
export class RecommendationCounters1764130000000 implements MigrationInterface {
  name = 'RecommendationCounters1764130000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Each stage keeps the mode its route gave it, so the record never needs the route to tell a recommendation.
    await queryRunner.query(`ALTER TABLE "stages" ADD "mode" text NOT NULL DEFAULT 'deciding'`);
    await queryRunner.query(
      `ALTER TABLE "stats_rollups" ADD "approved_against_recommendation" integer NOT NULL DEFAULT '0', ADD "rejected_against_recommendation" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "stats_stage_rollups" ADD "recommend_approve" integer NOT NULL DEFAULT '0', ADD "recommend_reject" integer NOT NULL DEFAULT '0'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stages" DROP COLUMN "mode"`);
    await queryRunner.query(
      `ALTER TABLE "stats_stage_rollups" DROP COLUMN "recommend_reject", DROP COLUMN "recommend_approve"`,
    );
    await queryRunner.query(
      `ALTER TABLE "stats_rollups" DROP COLUMN "rejected_against_recommendation", DROP COLUMN "approved_against_recommendation"`,
    );
  }
}
