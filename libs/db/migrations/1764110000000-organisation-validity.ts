import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation changes over time: a unit closed on a date keeps its history but takes no new requests after it,
 * and a stand-in's extra role ends on its own date. Both periods are inclusive and open-ended when null. The same
 * role over the same scope may now be held twice in disjoint periods, so the unique index includes the start date.
 * `admin_audit_log` records who changed the organisation (the import) with the row before and after.
 */
export class OrganisationValidity1764110000000 implements MigrationInterface {
  name = 'OrganisationValidity1764110000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_units" ADD "valid_from" date, ADD "valid_to" date`);
    await queryRunner.query(
      `ALTER TABLE "org_units" ADD CONSTRAINT "CHK_org_units_period" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_from" <= "valid_to")`,
    );
    await queryRunner.query(`ALTER TABLE "role_assignments" ADD "valid_from" date, ADD "valid_to" date`);
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "CHK_role_assignments_period" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_from" <= "valid_to")`,
    );
    await queryRunner.query(`DROP INDEX "IDX_702567c6e2c9706930766d56db"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_role_assignments_period" ON "role_assignments" ("user_id", "role", "scope_unit_id", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "admin_audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "entity" text NOT NULL, "entity_id" uuid NOT NULL, "action" text NOT NULL, "before" jsonb, "after" jsonb, CONSTRAINT "PK_admin_audit_log" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_admin_audit_log_at" ON "admin_audit_log" ("at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_admin_audit_log_at"`);
    await queryRunner.query(`DROP TABLE "admin_audit_log"`);
    await queryRunner.query(`DROP INDEX "IDX_role_assignments_period"`);
    // Periods collapse: keep the latest assignment of each (user, role, scope) so the old unique index holds.
    await queryRunner.query(
      `DELETE FROM role_assignments a USING role_assignments b
        WHERE a.user_id = b.user_id AND a.role = b.role AND a.scope_unit_id IS NOT DISTINCT FROM b.scope_unit_id
          AND COALESCE(a.valid_from, '-infinity') < COALESCE(b.valid_from, '-infinity')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_702567c6e2c9706930766d56db" ON "role_assignments" ("user_id", "role", "scope_unit_id") `,
    );
    await queryRunner.query(`ALTER TABLE "role_assignments" DROP CONSTRAINT "CHK_role_assignments_period"`);
    await queryRunner.query(
      `ALTER TABLE "role_assignments" DROP COLUMN "valid_to", DROP COLUMN "valid_from"`,
    );
    await queryRunner.query(`ALTER TABLE "org_units" DROP CONSTRAINT "CHK_org_units_period"`);
    await queryRunner.query(`ALTER TABLE "org_units" DROP COLUMN "valid_to", DROP COLUMN "valid_from"`);
  }
}
