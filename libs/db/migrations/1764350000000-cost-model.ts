import type { MigrationInterface, QueryRunner } from 'typeorm';

const STOCKHOLM = `'Europe/Stockholm'`;
const GRAINS = `(VALUES ('month'), ('week'), ('day')) g(grain)`;

/**
 * Costs with units (issue 20): the statistics gain, per rollup row, what conditions cut from an approved cost
 * (`reduced_cost`, part of the avoided cost) and a call-off's cost booked over the days of its period
 * (`accrued_cost`, day i of n gets floor(cost·(i+1)/n) − floor(cost·i/n) kronor, as libs/domain/cost.ts). Both
 * are backfilled from the record, written out here rather than through the live fact code so that this
 * migration keeps meaning what it meant when it ran.
 */
export class CostModel1764350000000 implements MigrationInterface {
  name = 'CostModel1764350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "stats_rollups" ADD "reduced_cost" bigint NOT NULL DEFAULT '0', ADD "accrued_cost" bigint NOT NULL DEFAULT '0'`,
    );
    // Every approved request's decision already has its rollup row (its `approved` count): an UPDATE suffices.
    await queryRunner.query(
      `UPDATE stats_rollups s SET reduced_cost = f.cost
         FROM (SELECT g.grain, date_trunc(g.grain, r.decided_at AT TIME ZONE ${STOCKHOLM})::date AS bucket,
                      r.unit_id, r.kind, r.occupational_category AS category,
                      sum(greatest(r.cost_sek - r.approved_cost_sek, 0)) AS cost
                 FROM requests r CROSS JOIN ${GRAINS}
                WHERE r.status IN ('approved', 'approved_with_conditions') AND r.approved_cost_sek IS NOT NULL
                GROUP BY 1, 2, 3, 4, 5) f
        WHERE s.grain = f.grain AND s.bucket = f.bucket AND s.unit_id = f.unit_id AND s.kind = f.kind
          AND s.category = f.category`,
    );
    // The days of a period may lie where nothing else happened (the future, too): rows are inserted as needed.
    await queryRunner.query(
      `INSERT INTO stats_rollups (grain, bucket, unit_id, kind, category, division_id, accrued_cost)
       SELECT g.grain, date_trunc(g.grain, (p.first + d.i)::timestamp)::date, r.unit_id, r.kind,
              r.occupational_category, r.division_id,
              sum(floor(p.total * (d.i + 1) / p.n) - floor(p.total * d.i / p.n))::bigint
         FROM requests r
        CROSS JOIN LATERAL (SELECT (r.payload->>'periodFrom')::date AS first,
                                   (r.payload->>'periodTo')::date - (r.payload->>'periodFrom')::date + 1 AS n,
                                   COALESCE(r.approved_cost_sek, r.cost_sek)::numeric AS total) p
        CROSS JOIN LATERAL generate_series(0, p.n - 1) AS d(i)
        CROSS JOIN ${GRAINS}
        WHERE r.kind = 'agency_call_off'
          AND r.status IN ('approved', 'approved_with_conditions', 'exempted', 'not_required')
        GROUP BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (grain, bucket, unit_id, kind, category) DO UPDATE SET accrued_cost = EXCLUDED.accrued_cost`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "stats_rollups" DROP COLUMN "accrued_cost", DROP COLUMN "reduced_cost"`,
    );
  }
}
