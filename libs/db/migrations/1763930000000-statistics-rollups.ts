import type { MigrationInterface, QueryRunner } from 'typeorm';
import { leadTime } from '@domain/lead-time';
import { rebuildRollups } from '../statistics/rollups';

/**
 * Statistics: lead time and approved cost on each request, indexes for the raw edges of a date range, and
 * the rollups (counters and lead-time histograms per month and week) kept current by the recording code.
 * Existing history is backfilled, so the figures are right from the first request after the upgrade.
 */
export class StatisticsRollups1763930000000 implements MigrationInterface {
  name = 'StatisticsRollups1763930000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stats_rollups" ("grain" text NOT NULL, "bucket" date NOT NULL, "unit_id" uuid NOT NULL, "kind" text NOT NULL, "category" text NOT NULL, "division_id" uuid NOT NULL, "submitted" integer NOT NULL DEFAULT '0', "exempted" integer NOT NULL DEFAULT '0', "not_required" integer NOT NULL DEFAULT '0', "requested_cost" bigint NOT NULL DEFAULT '0', "approved" integer NOT NULL DEFAULT '0', "approved_with_conditions" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "withdrawn" integer NOT NULL DEFAULT '0', "approved_cost" bigint NOT NULL DEFAULT '0', "rejected_cost" bigint NOT NULL DEFAULT '0', "hr_review_decided" integer NOT NULL DEFAULT '0', "hr_review_within" integer NOT NULL DEFAULT '0', "hr_review_escalations" integer NOT NULL DEFAULT '0', "staffing_review_decided" integer NOT NULL DEFAULT '0', "staffing_review_within" integer NOT NULL DEFAULT '0', "staffing_review_escalations" integer NOT NULL DEFAULT '0', "director_decision_decided" integer NOT NULL DEFAULT '0', "director_decision_within" integer NOT NULL DEFAULT '0', "director_decision_escalations" integer NOT NULL DEFAULT '0', "executive_decision_decided" integer NOT NULL DEFAULT '0', "executive_decision_within" integer NOT NULL DEFAULT '0', "executive_decision_escalations" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_88c68ae3bb234feaeb63bec8cd0" PRIMARY KEY ("grain", "bucket", "unit_id", "kind", "category"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b2696b3381721ec23d2177d560" ON "stats_rollups" ("grain", "division_id", "bucket") `,
    );
    await queryRunner.query(
      `CREATE TABLE "stats_lead_rollups" ("grain" text NOT NULL, "bucket" date NOT NULL, "unit_id" uuid NOT NULL, "kind" text NOT NULL, "category" text NOT NULL, "business_days" integer NOT NULL, "hours_bucket" integer NOT NULL, "division_id" uuid NOT NULL, "decided" integer NOT NULL, CONSTRAINT "PK_491ebf4857d39d8f6f89994f406" PRIMARY KEY ("grain", "bucket", "unit_id", "kind", "category", "business_days", "hours_bucket"))`,
    );
    await queryRunner.query(`ALTER TABLE "requests" ADD "approved_cost_sek" bigint`);
    await queryRunner.query(`ALTER TABLE "requests" ADD "lead_business_days" integer`);
    await queryRunner.query(`ALTER TABLE "requests" ADD "lead_hours" integer`);
    await queryRunner.query(
      `CREATE INDEX "IDX_f7bc4b56b4664ff50a51a05581" ON "audit_events" ("type", "at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4c24c3954ab9ac6f0bb1203989" ON "requests" ("decided_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_79a5f835576143f54e7b648292" ON "requests" ("submitted_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_2cd640250f802063a9e3e345f0" ON "stages" ("closed_at") `);
    // Lead times in hours are kept at the hour below two days and at whole days above; see lead-time.ts.
    await queryRunner.query(
      `CREATE FUNCTION stats_hours_bucket(hours integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
         AS $$ SELECT CASE WHEN hours < 48 THEN hours ELSE hours - hours % 24 END $$`,
    );
    await this.backfill(queryRunner);
  }

  private async backfill(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE requests r SET approved_cost_sek = d.cost
         FROM (SELECT request_id, min((data->>'approvedCostSek')::bigint) AS cost FROM audit_events
                WHERE type = 'decision' AND data ? 'approvedCostSek' GROUP BY request_id) d
        WHERE d.request_id = r.id`,
    );
    const decided: { id: string; submitted_at: Date; decided_at: Date }[] = await queryRunner.query(
      `SELECT id, submitted_at, decided_at FROM requests
        WHERE status IN ('approved', 'approved_with_conditions', 'rejected') AND decided_at IS NOT NULL`,
    );
    for (const row of decided) {
      const lead = leadTime(row.submitted_at, row.decided_at);
      await queryRunner.query(`UPDATE requests SET lead_business_days = $2, lead_hours = $3 WHERE id = $1`, [
        row.id,
        lead.businessDays,
        lead.hours,
      ]);
    }
    await rebuildRollups(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION stats_hours_bucket(integer)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2cd640250f802063a9e3e345f0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_79a5f835576143f54e7b648292"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4c24c3954ab9ac6f0bb1203989"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f7bc4b56b4664ff50a51a05581"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "lead_hours"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "lead_business_days"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "approved_cost_sek"`);
    await queryRunner.query(`DROP TABLE "stats_lead_rollups"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b2696b3381721ec23d2177d560"`);
    await queryRunner.query(`DROP TABLE "stats_rollups"`);
  }
}
