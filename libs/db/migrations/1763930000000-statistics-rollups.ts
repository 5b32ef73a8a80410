import type { MigrationInterface, QueryRunner } from 'typeorm';
import { leadTime } from '@domain/lead-time';
import { backfillRollups1763930000000 } from './1763930000000-rollups-backfill';

/**
 * Statistics: lead time and approved cost on each request, indexes for the raw edges of a date range, and
 * the rollups (counters and lead-time histograms per month and week) kept current by the recording code.
 * Existing history is backfilled, so the figures are right from the first request after the upgrade.
 */
export class StatisticsRollups1763930000000 implements MigrationInterface {
  name = 'StatisticsRollups1763930000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One column per counter of libs/db/statistics/counters.ts as it stands at this migration (lead-time
    // histogram bins included); a later counter comes with a migration of its own.
    await queryRunner.query(
      `CREATE TABLE "stats_rollups" ("grain" text NOT NULL, "bucket" date NOT NULL, "unit_id" uuid NOT NULL, "kind" text NOT NULL, "category" text NOT NULL, "division_id" uuid NOT NULL, "submitted" integer NOT NULL DEFAULT '0', "exempted" integer NOT NULL DEFAULT '0', "not_required" integer NOT NULL DEFAULT '0', "requested_cost" bigint NOT NULL DEFAULT '0', "approved" integer NOT NULL DEFAULT '0', "approved_with_conditions" integer NOT NULL DEFAULT '0', "rejected" integer NOT NULL DEFAULT '0', "withdrawn" integer NOT NULL DEFAULT '0', "approved_cost" bigint NOT NULL DEFAULT '0', "rejected_cost" bigint NOT NULL DEFAULT '0', "hr_review_decided" integer NOT NULL DEFAULT '0', "hr_review_within" integer NOT NULL DEFAULT '0', "hr_review_escalations" integer NOT NULL DEFAULT '0', "staffing_review_decided" integer NOT NULL DEFAULT '0', "staffing_review_within" integer NOT NULL DEFAULT '0', "staffing_review_escalations" integer NOT NULL DEFAULT '0', "director_decision_decided" integer NOT NULL DEFAULT '0', "director_decision_within" integer NOT NULL DEFAULT '0', "director_decision_escalations" integer NOT NULL DEFAULT '0', "executive_decision_decided" integer NOT NULL DEFAULT '0', "executive_decision_within" integer NOT NULL DEFAULT '0', "executive_decision_escalations" integer NOT NULL DEFAULT '0', "lead_days_0" integer NOT NULL DEFAULT '0', "lead_days_1" integer NOT NULL DEFAULT '0', "lead_days_2" integer NOT NULL DEFAULT '0', "lead_days_3" integer NOT NULL DEFAULT '0', "lead_days_4" integer NOT NULL DEFAULT '0', "lead_days_5" integer NOT NULL DEFAULT '0', "lead_days_6" integer NOT NULL DEFAULT '0', "lead_days_7" integer NOT NULL DEFAULT '0', "lead_days_8" integer NOT NULL DEFAULT '0', "lead_days_9" integer NOT NULL DEFAULT '0', "lead_days_10" integer NOT NULL DEFAULT '0', "lead_days_11" integer NOT NULL DEFAULT '0', "lead_days_12" integer NOT NULL DEFAULT '0', "lead_days_13" integer NOT NULL DEFAULT '0', "lead_days_14" integer NOT NULL DEFAULT '0', "lead_days_15" integer NOT NULL DEFAULT '0', "lead_days_16" integer NOT NULL DEFAULT '0', "lead_days_17" integer NOT NULL DEFAULT '0', "lead_days_18" integer NOT NULL DEFAULT '0', "lead_days_19" integer NOT NULL DEFAULT '0', "lead_days_20" integer NOT NULL DEFAULT '0', "lead_days_21" integer NOT NULL DEFAULT '0', "lead_days_22" integer NOT NULL DEFAULT '0', "lead_days_23" integer NOT NULL DEFAULT '0', "lead_days_24" integer NOT NULL DEFAULT '0', "lead_days_25" integer NOT NULL DEFAULT '0', "lead_days_26" integer NOT NULL DEFAULT '0', "lead_days_27" integer NOT NULL DEFAULT '0', "lead_days_28" integer NOT NULL DEFAULT '0', "lead_days_29" integer NOT NULL DEFAULT '0', "lead_days_30" integer NOT NULL DEFAULT '0', "lead_days_31" integer NOT NULL DEFAULT '0', "lead_hours_0" integer NOT NULL DEFAULT '0', "lead_hours_1" integer NOT NULL DEFAULT '0', "lead_hours_2" integer NOT NULL DEFAULT '0', "lead_hours_3" integer NOT NULL DEFAULT '0', "lead_hours_4" integer NOT NULL DEFAULT '0', "lead_hours_5" integer NOT NULL DEFAULT '0', "lead_hours_6" integer NOT NULL DEFAULT '0', "lead_hours_7" integer NOT NULL DEFAULT '0', "lead_hours_8" integer NOT NULL DEFAULT '0', "lead_hours_9" integer NOT NULL DEFAULT '0', "lead_hours_10" integer NOT NULL DEFAULT '0', "lead_hours_11" integer NOT NULL DEFAULT '0', "lead_hours_12" integer NOT NULL DEFAULT '0', "lead_hours_13" integer NOT NULL DEFAULT '0', "lead_hours_14" integer NOT NULL DEFAULT '0', "lead_hours_15" integer NOT NULL DEFAULT '0', "lead_hours_16" integer NOT NULL DEFAULT '0', "lead_hours_17" integer NOT NULL DEFAULT '0', "lead_hours_18" integer NOT NULL DEFAULT '0', "lead_hours_19" integer NOT NULL DEFAULT '0', "lead_hours_20" integer NOT NULL DEFAULT '0', "lead_hours_21" integer NOT NULL DEFAULT '0', "lead_hours_22" integer NOT NULL DEFAULT '0', "lead_hours_23" integer NOT NULL DEFAULT '0', "lead_hours_24" integer NOT NULL DEFAULT '0', "lead_hours_25" integer NOT NULL DEFAULT '0', "lead_hours_26" integer NOT NULL DEFAULT '0', "lead_hours_27" integer NOT NULL DEFAULT '0', "lead_hours_28" integer NOT NULL DEFAULT '0', "lead_hours_29" integer NOT NULL DEFAULT '0', "lead_hours_30" integer NOT NULL DEFAULT '0', "lead_hours_31" integer NOT NULL DEFAULT '0', "lead_hours_32" integer NOT NULL DEFAULT '0', "lead_hours_33" integer NOT NULL DEFAULT '0', "lead_hours_34" integer NOT NULL DEFAULT '0', "lead_hours_35" integer NOT NULL DEFAULT '0', "lead_hours_36" integer NOT NULL DEFAULT '0', "lead_hours_37" integer NOT NULL DEFAULT '0', "lead_hours_38" integer NOT NULL DEFAULT '0', "lead_hours_39" integer NOT NULL DEFAULT '0', "lead_hours_40" integer NOT NULL DEFAULT '0', "lead_hours_41" integer NOT NULL DEFAULT '0', "lead_hours_42" integer NOT NULL DEFAULT '0', "lead_hours_43" integer NOT NULL DEFAULT '0', "lead_hours_44" integer NOT NULL DEFAULT '0', "lead_hours_45" integer NOT NULL DEFAULT '0', "lead_hours_46" integer NOT NULL DEFAULT '0', "lead_hours_47" integer NOT NULL DEFAULT '0', "lead_hours_48" integer NOT NULL DEFAULT '0', "lead_hours_49" integer NOT NULL DEFAULT '0', "lead_hours_50" integer NOT NULL DEFAULT '0', "lead_hours_51" integer NOT NULL DEFAULT '0', "lead_hours_52" integer NOT NULL DEFAULT '0', "lead_hours_53" integer NOT NULL DEFAULT '0', "lead_hours_54" integer NOT NULL DEFAULT '0', "lead_hours_55" integer NOT NULL DEFAULT '0', "lead_hours_56" integer NOT NULL DEFAULT '0', "lead_hours_57" integer NOT NULL DEFAULT '0', "lead_hours_58" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_88c68ae3bb234feaeb63bec8cd0" PRIMARY KEY ("grain", "bucket", "unit_id", "kind", "category"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b2696b3381721ec23d2177d560" ON "stats_rollups" ("grain", "division_id", "bucket") `,
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
    // In batches, each one statement: a region with years of history upgrades in minutes, not hours.
    for (let i = 0; i < decided.length; i += 5000) {
      const batch = decided
        .slice(i, i + 5000)
        .map((row) => ({ id: row.id, ...leadTime(row.submitted_at, row.decided_at) }));
      await queryRunner.query(
        `UPDATE requests r SET lead_business_days = b.days, lead_hours = b.hours
           FROM unnest($1::uuid[], $2::int[], $3::int[]) AS b(id, days, hours) WHERE r.id = b.id`,
        [batch.map((b) => b.id), batch.map((b) => b.businessDays), batch.map((b) => b.hours)],
      );
    }
    await backfillRollups1763930000000(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_2cd640250f802063a9e3e345f0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_79a5f835576143f54e7b648292"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4c24c3954ab9ac6f0bb1203989"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f7bc4b56b4664ff50a51a05581"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "lead_hours"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "lead_business_days"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "approved_cost_sek"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b2696b3381721ec23d2177d560"`);
    await queryRunner.query(`DROP TABLE "stats_rollups"`);
  }
}
