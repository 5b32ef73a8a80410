import type { MigrationInterface, QueryRunner } from 'typeorm';

const STOCKHOLM = `'Europe/Stockholm'`;
const UNKNOWN_BODY = 'okänt – registrerat före beslutsfält';
const UNKNOWN_REVOKE_REASON = 'okänt – återkallat före skälfält';

/**
 * General exemptions as a board decides them (issue 19): the decision behind each (body, reference, date), who
 * recorded it, and a revocation with its reason and the day from which it ends. Existing rows keep their
 * reference; their body is marked unknown and their decision date is the day they were recorded. Rows without a
 * cost ceiling stay but cover nothing from now on (the domain lists them as incomplete), and an end beyond the
 * review regime in force on the first day (the period and its extensions) is brought back to that regime's end.
 * The statistics gain the cost of exempted requests, backfilled, so they still count with their cost.
 */
export class ExemptionDecisions1764140000000 implements MigrationInterface {
  name = 'ExemptionDecisions1764140000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "exemptions" ADD "decision_body" text, ADD "decided_on" date, ADD "revoked_on" date, ADD "revoke_reason" text`,
    );
    await queryRunner.query(`ALTER TABLE "exemptions" RENAME COLUMN "granted_by" TO "recorded_by"`);
    await queryRunner.query(
      `ALTER TABLE "exemptions" RENAME CONSTRAINT "FK_d88a4076ca252d7445642c896ec" TO "FK_7eb31a9990f01b1af7c93a2e259"`,
    );
    await queryRunner.query(
      `UPDATE "exemptions" SET "decision_body" = $1, "decided_on" = ("created_at" AT TIME ZONE ${STOCKHOLM})::date`,
      [UNKNOWN_BODY],
    );
    await queryRunner.query(
      `UPDATE "exemptions" SET "revoked_on" = ("revoked_at" AT TIME ZONE ${STOCKHOLM})::date, "revoke_reason" = $1
        WHERE "revoked_at" IS NOT NULL`,
      [UNKNOWN_REVOKE_REASON],
    );
    await queryRunner.query(
      `ALTER TABLE "exemptions" ALTER COLUMN "decision_body" SET NOT NULL, ALTER COLUMN "decided_on" SET NOT NULL`,
    );
    // The regime in force on each exemption's first day, followed through its extensions.
    await queryRunner.query(
      `WITH RECURSIVE regime AS (
         SELECT e.id AS exemption_id, p.id AS period_id, p.valid_to
           FROM exemptions e JOIN review_periods p
             ON p.kind = e.kind AND p.valid_from <= e.valid_from AND e.valid_from <= p.valid_to
         UNION
         SELECT r.exemption_id, p.id, p.valid_to FROM regime r JOIN review_periods p ON p.extends_id = r.period_id
       ), ends AS (SELECT exemption_id, max(valid_to) AS valid_to FROM regime GROUP BY exemption_id)
       UPDATE exemptions e SET valid_to = ends.valid_to FROM ends
        WHERE ends.exemption_id = e.id AND e.valid_to > ends.valid_to`,
    );
    await queryRunner.query(`ALTER TABLE "stats_rollups" ADD "exempted_cost" bigint NOT NULL DEFAULT '0'`);
    // Every exempted request's submission already has its rollup row (its `exempted` count), so an UPDATE suffices.
    for (const grain of ['month', 'week', 'day']) {
      await queryRunner.query(
        `UPDATE stats_rollups s SET exempted_cost = f.cost
           FROM (SELECT date_trunc('${grain}', r.submitted_at AT TIME ZONE ${STOCKHOLM})::date AS bucket,
                        r.unit_id, r.kind, r.occupational_category AS category, sum(r.cost_sek) AS cost
                   FROM requests r WHERE r.status = 'exempted'
                  GROUP BY 1, 2, 3, 4) f
          WHERE s.grain = '${grain}' AND s.bucket = f.bucket AND s.unit_id = f.unit_id AND s.kind = f.kind
            AND s.category = f.category`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stats_rollups" DROP COLUMN "exempted_cost"`);
    await queryRunner.query(
      `ALTER TABLE "exemptions" RENAME CONSTRAINT "FK_7eb31a9990f01b1af7c93a2e259" TO "FK_d88a4076ca252d7445642c896ec"`,
    );
    await queryRunner.query(`ALTER TABLE "exemptions" RENAME COLUMN "recorded_by" TO "granted_by"`);
    await queryRunner.query(
      `ALTER TABLE "exemptions" DROP COLUMN "decision_body", DROP COLUMN "decided_on", DROP COLUMN "revoked_on", DROP COLUMN "revoke_reason"`,
    );
  }
}
