import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The stages that had columns in `stats_rollups` (migration 1763930000000), and those columns' suffixes. */
const STAGES = ['hr_review', 'staffing_review', 'director_decision', 'executive_decision'];
const COUNTERS = ['decided', 'within', 'escalations'];
const KEY = 'grain, bucket, unit_id, kind, category';

/**
 * Per-stage statistics as rows keyed by the stage's name (`stats_stage_rollups`) instead of three columns per
 * stage in `stats_rollups`, so that a stage added to the route needs no migration. The existing figures move
 * over as they are; rows whose stage counters are all zero carry nothing and are not copied.
 */
export class StageRollups1763940000000 implements MigrationInterface {
  name = 'StageRollups1763940000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stats_stage_rollups" ("grain" text NOT NULL, "bucket" date NOT NULL, "unit_id" uuid NOT NULL, "kind" text NOT NULL, "category" text NOT NULL, "stage" text NOT NULL, "division_id" uuid NOT NULL, "decided" integer NOT NULL DEFAULT '0', "within" integer NOT NULL DEFAULT '0', "escalations" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_5e1044655898a8ace1a0cb25960" PRIMARY KEY ("grain", "bucket", "unit_id", "kind", "category", "stage"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3d4c727881eaa2ea85ea671623" ON "stats_stage_rollups" ("grain", "division_id", "bucket") `,
    );
    const perStage = STAGES.map((s) => `('${s}', ${COUNTERS.map((c) => `r.${s}_${c}`).join(', ')})`).join(
      ', ',
    );
    await queryRunner.query(
      `INSERT INTO stats_stage_rollups (${KEY}, stage, division_id, ${COUNTERS.join(', ')})
       SELECT r.grain, r.bucket, r.unit_id, r.kind, r.category, s.stage, r.division_id, ${COUNTERS.map((c) => `s.${c}`).join(', ')}
         FROM stats_rollups r CROSS JOIN LATERAL (VALUES ${perStage}) s(stage, ${COUNTERS.join(', ')})
        WHERE ${COUNTERS.map((c) => `s.${c} <> 0`).join(' OR ')}`,
    );
    await queryRunner.query(
      `ALTER TABLE "stats_rollups" ${STAGES.flatMap((s) => COUNTERS.map((c) => `DROP COLUMN "${s}_${c}"`)).join(', ')}`,
    );
  }

  /** Back to columns; the figures of a stage that had no column then (one added since) cannot go back and are lost. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    const columns = STAGES.flatMap((s) => COUNTERS.map((c) => `${s}_${c}`));
    await queryRunner.query(
      `ALTER TABLE "stats_rollups" ${columns.map((c) => `ADD "${c}" integer NOT NULL DEFAULT '0'`).join(', ')}`,
    );
    const sums = STAGES.flatMap((s) =>
      COUNTERS.map((c) => `coalesce(sum(${c}) FILTER (WHERE stage = '${s}'), 0) AS ${s}_${c}`),
    ).join(', ');
    // A stage's figures fall in the buckets of its own events, where the request rollups may have no row yet.
    await queryRunner.query(
      `INSERT INTO stats_rollups (${KEY}, division_id, ${columns.join(', ')})
       SELECT ${KEY}, division_id, ${sums} FROM stats_stage_rollups
        WHERE stage IN (${STAGES.map((s) => `'${s}'`).join(', ')})
        GROUP BY ${KEY}, division_id
       ON CONFLICT (${KEY}) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_3d4c727881eaa2ea85ea671623"`);
    await queryRunner.query(`DROP TABLE "stats_stage_rollups"`);
  }
}
