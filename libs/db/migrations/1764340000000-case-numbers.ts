import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case numbers, `2026-00042`: the Stockholm year of submission and the request's place among that year's
 * submissions (libs/domain/case-number.ts formats them).
 *
 * Numbers come from a counter row per year (`case_number_counters`), incremented by the submission's own INSERT
 * statement, not from a PostgreSQL sequence. A sequence hands out numbers outside the transaction, so every
 * submission that rolls back (a validation caught late, an idempotent retry, a lost connection) leaves a hole, and
 * a sequence per year would need DDL at each new year. The counter row is updated in the submission's
 * transaction: a rollback returns the number, and two concurrent submissions queue on the row lock, so numbers are
 * unique and gap-free. The cost is that submissions in the same year serialise on that row until they commit,
 * which at a region's few hundred submissions a day costs little: the insert is the submission's last statement
 * before it commits. The unique index is the backstop.
 *
 * The number is assigned by a BEFORE INSERT trigger rather than by the repository's statement: every way a
 * request row is written (the API, the demo seed, imports and test fixtures) is numbered the same way, in the
 * writer's transaction, and none can forget to. A row that arrives with a number (a restore) keeps it.
 *
 * Existing requests are numbered in submission order within their year (ties by id), and each year's counter
 * starts after the last backfilled number.
 */
export class CaseNumbers1764340000000 implements MigrationInterface {
  name = 'CaseNumbers1764340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_number_counters" ("year" integer PRIMARY KEY, "last" integer NOT NULL CHECK ("last" > 0))`,
    );
    await queryRunner.query(`ALTER TABLE "requests" ADD "case_year" integer, ADD "case_seq" integer`);
    await queryRunner.query(
      `UPDATE "requests" r SET "case_year" = b.year, "case_seq" = b.seq
         FROM (SELECT id, year,
                      row_number() OVER (PARTITION BY year ORDER BY submitted_at, id)::int AS seq
                 FROM (SELECT id, submitted_at,
                              EXTRACT(YEAR FROM submitted_at AT TIME ZONE 'Europe/Stockholm')::int AS year
                         FROM "requests") y) b
        WHERE r.id = b.id`,
    );
    await queryRunner.query(
      `INSERT INTO "case_number_counters" ("year", "last")
       SELECT "case_year", max("case_seq") FROM "requests" GROUP BY "case_year"`,
    );
    await queryRunner.query(
      `ALTER TABLE "requests" ALTER "case_year" SET NOT NULL, ALTER "case_seq" SET NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_requests_case_number" ON "requests" ("case_year", "case_seq")`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "assign_case_number"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.case_year IS NULL THEN
           INSERT INTO case_number_counters (year, last)
           VALUES (EXTRACT(YEAR FROM NEW.submitted_at AT TIME ZONE 'Europe/Stockholm')::int, 1)
           ON CONFLICT (year) DO UPDATE SET last = case_number_counters.last + 1
           RETURNING year, last INTO NEW.case_year, NEW.case_seq;
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "requests_case_number" BEFORE INSERT ON "requests"
       FOR EACH ROW EXECUTE FUNCTION "assign_case_number"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "requests_case_number" ON "requests"`);
    await queryRunner.query(`DROP FUNCTION "assign_case_number"()`);
    await queryRunner.query(`DROP INDEX "UQ_requests_case_number"`);
    await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "case_seq", DROP COLUMN "case_year"`);
    await queryRunner.query(`DROP TABLE "case_number_counters"`);
  }
}
