import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Questions without a return (issue 21): a reviewer's question to the requester on an open stage and its answer.
 * At most one unanswered question per stage (a partial unique index); answer, answerer and time come together.
 */
export class Questions1764330000000 implements MigrationInterface {
  name = 'Questions1764330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "questions" ("id" uuid NOT NULL, "request_id" uuid NOT NULL, "stage_id" uuid NOT NULL, "stage_name" text NOT NULL, "asked_by" uuid NOT NULL, "question" text NOT NULL, "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered_by" uuid, "answer" text, "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_questions_answer" CHECK (("answer" IS NULL) = ("answered_at" IS NULL) AND ("answer" IS NULL) = ("answered_by" IS NULL)), CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_95b4f8ff07e85a73cdafc7a99d" ON "questions" ("request_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_questions_open_per_stage" ON "questions" ("stage_id") WHERE "answered_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_95b4f8ff07e85a73cdafc7a99d5" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "FK_8e19c16e39db5360d0327bf0ea1" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "questions"`);
  }
}
