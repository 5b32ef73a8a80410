import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person signs in as the subject an identity provider issued (`iss`, `sub`), which neither they nor anyone else
 * can change, instead of a username the provider lets people edit. The first sign-in links the identity to a user
 * found by a configured claim; from then on only that identity is that user. `employee_id` holds the HSA id (or
 * employee number) that imports and the link claim match on; `active` lets a leaver keep their history.
 */
export class UserIdentity1764100000000 implements MigrationInterface {
  name = 'UserIdentity1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "external_issuer" text, ADD "external_subject" text, ADD "employee_id" text, ADD "active" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_users_identity_whole" CHECK (("external_issuer" IS NULL) = ("external_subject" IS NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_users_external_identity" ON "users" ("external_issuer", "external_subject") WHERE external_subject IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_users_employee_id" ON "users" ("employee_id") WHERE employee_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_users_employee_id"`);
    await queryRunner.query(`DROP INDEX "IDX_users_external_identity"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_identity_whole"`);
    await queryRunner.query(
      `ALTER TABLE "users" DROP COLUMN "active", DROP COLUMN "employee_id", DROP COLUMN "external_subject", DROP COLUMN "external_issuer"`,
    );
  }
}
