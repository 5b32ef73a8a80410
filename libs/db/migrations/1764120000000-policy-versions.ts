import type { MigrationInterface, QueryRunner } from 'typeorm';
import { POLICY_V1 } from '@domain/policy';

/**
 * Route versions as data (issue 19). A version is a draft the admin edits until it is published from a date with
 * its decision reference; a published version never changes (the trigger refuses it even to a hand-written
 * UPDATE), because requests submitted under it carry it in their review. Version 1 is the route the product ran
 * before versions were data, published from 2000-01-01 so every request ever submitted falls under it.
 */
export class PolicyVersions1764120000000 implements MigrationInterface {
  name = 'PolicyVersions1764120000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "policy_versions" ("version" integer NOT NULL, "status" text NOT NULL DEFAULT 'draft', "policy" jsonb NOT NULL, "copied_from" integer, "valid_from" date, "decision_ref" text, "decided_by" text, "decided_on" date, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_policy_versions" PRIMARY KEY ("version"), CONSTRAINT "CHK_policy_versions_status" CHECK ("status" IN ('draft', 'published')), CONSTRAINT "CHK_policy_versions_published" CHECK ("status" = 'draft' OR ("valid_from" IS NOT NULL AND "decision_ref" IS NOT NULL AND "decided_on" IS NOT NULL AND "published_at" IS NOT NULL)), CONSTRAINT "CHK_policy_versions_positive" CHECK ("version" > 0))`,
    );
    // Two published versions from one date would leave "the version in force" undecided.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_policy_versions_valid_from" ON "policy_versions" ("valid_from") WHERE "status" = 'published'`,
    );
    await queryRunner.query(
      `CREATE FUNCTION policy_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.status = 'published' THEN
           RAISE EXCEPTION 'policy version % is published and never changes', OLD.version USING ERRCODE = 'check_violation';
         END IF;
         RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "policy_versions_immutable" BEFORE UPDATE OR DELETE ON "policy_versions" FOR EACH ROW EXECUTE FUNCTION policy_versions_immutable()`,
    );
    const { version, ...content } = POLICY_V1;
    await queryRunner.query(
      `INSERT INTO "policy_versions" ("version", "status", "policy", "valid_from", "decision_ref", "decided_by", "decided_on", "published_at")
       VALUES ($1, 'published', $2::jsonb, '2000-01-01', 'Version 1: the route before versions were data', NULL, '2000-01-01', now())`,
      [version, JSON.stringify(content)],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "policy_versions"`);
    await queryRunner.query(`DROP FUNCTION policy_versions_immutable()`);
  }
}
