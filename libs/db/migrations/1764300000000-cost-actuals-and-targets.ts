import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Actuals from the region's ledger (agency and own staff cost per month and division or unit, imported) and the
 * targets the board follows them against (per year, for a division or, with no division, the whole region).
 * Who imported or set what, with the row before and after, is in `admin_audit_log`.
 */
export class CostActualsAndTargets1764300000000 implements MigrationInterface {
  name = 'CostActualsAndTargets1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cost_actuals" ("month" date NOT NULL, "org_unit_id" uuid NOT NULL, "agency_cost_sek" bigint NOT NULL, "own_staff_cost_sek" bigint NOT NULL, "imported_by" uuid, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_cost_actuals" PRIMARY KEY ("month", "org_unit_id"),
        CONSTRAINT "FK_cost_actuals_unit" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_cost_actuals_importer" FOREIGN KEY ("imported_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_cost_actuals_month" CHECK (date_trunc('month', "month") = "month"),
        CONSTRAINT "CHK_cost_actuals_amounts" CHECK ("agency_cost_sek" >= 0 AND "own_staff_cost_sek" >= 0))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cost_actuals_unit" ON "cost_actuals" ("org_unit_id", "month")`,
    );
    await queryRunner.query(
      `CREATE TABLE "cost_targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" integer NOT NULL, "division_id" uuid, "agency_reduction_sek" bigint, "agency_share_ceiling" numeric(5,4), "note" text NOT NULL DEFAULT '', "set_by" uuid, "set_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_cost_targets" PRIMARY KEY ("id"),
        CONSTRAINT "FK_cost_targets_division" FOREIGN KEY ("division_id") REFERENCES "org_units"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_cost_targets_setter" FOREIGN KEY ("set_by") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_cost_targets_year" CHECK ("year" BETWEEN 2000 AND 2100),
        CONSTRAINT "CHK_cost_targets_reduction" CHECK ("agency_reduction_sek" IS NULL OR "agency_reduction_sek" >= 0),
        CONSTRAINT "CHK_cost_targets_ceiling" CHECK ("agency_share_ceiling" IS NULL OR "agency_share_ceiling" BETWEEN 0 AND 1))`,
    );
    // One target per year and division, and one for the whole region (the null division as one key).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_cost_targets_year_division" ON "cost_targets" ("year", COALESCE("division_id", '00000000-0000-0000-0000-000000000000'::uuid))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "cost_targets"`);
    await queryRunner.query(`DROP TABLE "cost_actuals"`);
  }
}
