import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema: organisation, users, review periods, requests, stages, decisions, audit trail, notifications. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" BIGSERIAL NOT NULL, "event_key" text NOT NULL, "request_id" uuid, "type" text NOT NULL, "actor_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, CONSTRAINT "UQ_d2a4fa45d49c5e27fd4f8bb2b47" UNIQUE ("event_key"), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9b1d7d4fa077d74b584b7a722f" ON "audit_events" ("request_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "org_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "parent_id" uuid, "level" text NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "budget_sek" bigint, "staff_cost_sek" bigint, CONSTRAINT "UQ_5382611e999b45b0e98a7859c71" UNIQUE ("code"), CONSTRAINT "PK_b4a19b7f3756560cd75643be5a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_93e336d1c079edb2cecd9c8f59" ON "org_units" ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" text NOT NULL, "display_name" text NOT NULL, "email" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "role_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" text NOT NULL, "scope_unit_id" uuid, CONSTRAINT "PK_fc2df9835ac1d2a34839f113783" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d91c8ac0c10fd8c6acdcc5ee94" ON "role_assignments" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ce610ec772a136fbb789482737" ON "role_assignments" ("scope_unit_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_702567c6e2c9706930766d56db" ON "role_assignments" ("user_id", "role", "scope_unit_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review_periods" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "valid_from" date NOT NULL, "valid_to" date NOT NULL, "decision_ref" text NOT NULL, "decided_by" text NOT NULL, "decided_on" date NOT NULL, "extends_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f4dd9c10cbd0c0c0c44d4482f2d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d73877e539e71e4e2feffc0ecd" ON "review_periods" ("kind", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "requests" ("id" uuid NOT NULL, "kind" text NOT NULL, "unit_id" uuid NOT NULL, "division_id" uuid NOT NULL, "requester_id" uuid NOT NULL, "occupational_category" text NOT NULL, "payload" jsonb NOT NULL, "cost_sek" bigint NOT NULL, "status" text NOT NULL, "status_reason" text, "period_id" uuid, "policy_version" integer, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "valid_until" date, "idempotency_key" text, "body_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0428f484e96f9e6a55955f29b5f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4a27e9fda1cb3256c3fcdbeeaa" ON "requests" ("unit_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_394fe48b64d0de79ad6159ed28" ON "requests" ("requester_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_f476df5d0088ef2eccc2ff1bda" ON "requests" ("division_id", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0e224470833b6a2307d2defac4" ON "requests" ("status", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b9ba8f2db6d622c224aac5bbc6" ON "requests" ("requester_id", "idempotency_key") WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "stages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "name" text NOT NULL, "round" integer NOT NULL, "assignee_role" text NOT NULL, "assignee_scope_unit_id" uuid, "assignee_user_id" uuid, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "escalation_level" integer NOT NULL DEFAULT '0', "closed_at" TIMESTAMP WITH TIME ZONE, "outcome" text, CONSTRAINT "PK_16efa0f8f5386328944769b9e6d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0f53ae9b0228206c6ada2da937" ON "stages" ("request_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_135240322c2f2fd80eea3872d5" ON "stages" ("due_at") WHERE closed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_d20c814dd3f2f6815454e8c6ce" ON "stages" ("request_id", "name", "round") `,
    );
    await queryRunner.query(
      `CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "stage_id" uuid NOT NULL, "stage_name" text NOT NULL, "outcome" text NOT NULL, "actor_id" uuid NOT NULL, "on_behalf_of_id" uuid, "comment" text, "conditions" text, "valid_until" date, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c37b5b979fb6c0195337d79528" ON "decisions" ("request_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_15781ac96c0bb4a3032d065ce4" ON "decisions" ("stage_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_key" text NOT NULL, "recipient_id" uuid NOT NULL, "request_id" uuid, "type" text NOT NULL, "data" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7b3b958c8d45b36e59e5fa519d" ON "notifications" ("event_key", "recipient_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_92be92313f09987bc6ad70ab41" ON "notifications" ("recipient_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "org_units" ADD CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599" FOREIGN KEY ("parent_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_d91c8ac0c10fd8c6acdcc5ee946" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" ADD CONSTRAINT "FK_ce610ec772a136fbb7894827379" FOREIGN KEY ("scope_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_periods" ADD CONSTRAINT "FK_399951168b77383d74ac7db584d" FOREIGN KEY ("extends_id") REFERENCES "review_periods"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "requests" ADD CONSTRAINT "FK_4a27e9fda1cb3256c3fcdbeeaa0" FOREIGN KEY ("unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "requests" ADD CONSTRAINT "FK_394fe48b64d0de79ad6159ed28c" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "requests" ADD CONSTRAINT "FK_0b852173b881bc43ac4eeeecb36" FOREIGN KEY ("period_id") REFERENCES "review_periods"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stages" ADD CONSTRAINT "FK_0f53ae9b0228206c6ada2da9378" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decisions" ADD CONSTRAINT "FK_c37b5b979fb6c0195337d795281" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decisions" ADD CONSTRAINT "FK_15781ac96c0bb4a3032d065ce40" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit trail is evidence: the database itself refuses to rewrite or erase it.
    await queryRunner.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_append_only ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d"`);
    await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_15781ac96c0bb4a3032d065ce40"`);
    await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_c37b5b979fb6c0195337d795281"`);
    await queryRunner.query(`ALTER TABLE "stages" DROP CONSTRAINT "FK_0f53ae9b0228206c6ada2da9378"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP CONSTRAINT "FK_0b852173b881bc43ac4eeeecb36"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP CONSTRAINT "FK_394fe48b64d0de79ad6159ed28c"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP CONSTRAINT "FK_4a27e9fda1cb3256c3fcdbeeaa0"`);
    await queryRunner.query(`ALTER TABLE "review_periods" DROP CONSTRAINT "FK_399951168b77383d74ac7db584d"`);
    await queryRunner.query(
      `ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_ce610ec772a136fbb7894827379"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_assignments" DROP CONSTRAINT "FK_d91c8ac0c10fd8c6acdcc5ee946"`,
    );
    await queryRunner.query(`ALTER TABLE "org_units" DROP CONSTRAINT "FK_93e336d1c079edb2cecd9c8f599"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_92be92313f09987bc6ad70ab41"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7b3b958c8d45b36e59e5fa519d"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_15781ac96c0bb4a3032d065ce4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c37b5b979fb6c0195337d79528"`);
    await queryRunner.query(`DROP TABLE "decisions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d20c814dd3f2f6815454e8c6ce"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_135240322c2f2fd80eea3872d5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0f53ae9b0228206c6ada2da937"`);
    await queryRunner.query(`DROP TABLE "stages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b9ba8f2db6d622c224aac5bbc6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0e224470833b6a2307d2defac4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f476df5d0088ef2eccc2ff1bda"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_394fe48b64d0de79ad6159ed28"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4a27e9fda1cb3256c3fcdbeeaa"`);
    await queryRunner.query(`DROP TABLE "requests"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d73877e539e71e4e2feffc0ecd"`);
    await queryRunner.query(`DROP TABLE "review_periods"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_702567c6e2c9706930766d56db"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ce610ec772a136fbb789482737"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d91c8ac0c10fd8c6acdcc5ee94"`);
    await queryRunner.query(`DROP TABLE "role_assignments"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93e336d1c079edb2cecd9c8f59"`);
    await queryRunner.query(`DROP TABLE "org_units"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9b1d7d4fa077d74b584b7a722f"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
