import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Standing exemptions (dispenser) from review, and out-of-office delegations. */
export class ExemptionsAndDelegations1763910000000 implements MigrationInterface {
  name = 'ExemptionsAndDelegations1763910000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exemptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope_unit_id" uuid NOT NULL, "kind" text NOT NULL, "occupational_categories" text array NOT NULL, "valid_from" date NOT NULL, "valid_to" date NOT NULL, "cost_ceiling_sek" bigint, "reason" text NOT NULL, "decision_ref" text NOT NULL, "granted_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, CONSTRAINT "PK_c6e5ea67d81c659ff3813ccd988" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ea40a7967b0385c81adbf03d35" ON "exemptions" ("kind", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "delegations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delegator_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "valid_from" date NOT NULL, "valid_to" date NOT NULL, "kind" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_01f9fbbc9b3bf52236a4e951b19" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7a66820ee5970870ee0d3d5058" ON "delegations" ("delegator_id", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0a380e75d291b657fe213fc2d5" ON "delegations" ("delegate_id", "valid_from") `,
    );
    await queryRunner.query(`ALTER TABLE "requests" ADD "exemption_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "exemptions" ADD CONSTRAINT "FK_38f5408b553ac9eda0a60d51474" FOREIGN KEY ("scope_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exemptions" ADD CONSTRAINT "FK_d88a4076ca252d7445642c896ec" FOREIGN KEY ("granted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "requests" ADD CONSTRAINT "FK_c1c6299fbab1d0678bdb1ba0268" FOREIGN KEY ("exemption_id") REFERENCES "exemptions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "delegations" ADD CONSTRAINT "FK_65cb96f7573dd182ad4ec259f9a" FOREIGN KEY ("delegator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "delegations" ADD CONSTRAINT "FK_343ec2641e2831522ca623b7d80" FOREIGN KEY ("delegate_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "FK_343ec2641e2831522ca623b7d80"`);
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "FK_65cb96f7573dd182ad4ec259f9a"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP CONSTRAINT "FK_c1c6299fbab1d0678bdb1ba0268"`);
    await queryRunner.query(`ALTER TABLE "exemptions" DROP CONSTRAINT "FK_d88a4076ca252d7445642c896ec"`);
    await queryRunner.query(`ALTER TABLE "exemptions" DROP CONSTRAINT "FK_38f5408b553ac9eda0a60d51474"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "exemption_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0a380e75d291b657fe213fc2d5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7a66820ee5970870ee0d3d5058"`);
    await queryRunner.query(`DROP TABLE "delegations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ea40a7967b0385c81adbf03d35"`);
    await queryRunner.query(`DROP TABLE "exemptions"`);
  }
}
