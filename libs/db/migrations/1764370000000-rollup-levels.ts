import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The request counters of `stats_rollups` as they are at this migration: kronor are bigint, counts integer. */
const MONEY = [
  'requested_cost',
  'approved_cost',
  'rejected_cost',
  'exempted_cost',
  'reduced_cost',
  'accrued_cost',
];
const COUNTS = [
  'submitted',
  'exempted',
  'not_required',
  'approved',
  'approved_with_conditions',
  'rejected',
  'withdrawn',
  'approved_against_recommendation',
  'rejected_against_recommendation',
  ...Array.from({ length: 32 }, (_, i) => `lead_days_${i}`),
  ...Array.from({ length: 59 }, (_, i) => `lead_hours_${i}`),
];
const STAGE_COUNTS = ['decided', 'within', 'escalations', 'recommend_approve', 'recommend_reject'];

interface Level {
  table: string;
  key: string[];
  pk: string;
  /** Where the unit is kept, its division rides beside it with an index for the division filter. */
  divisionIndex?: string;
}

/** The coarser levels, each a request table and a stage table (the stage's name joins the key). */
const LEVELS: { requests: Level; stages: Level }[] = [
  {
    requests: {
      table: 'stats_division_rollups',
      key: ['division_id', 'kind'],
      pk: 'PK_9e186741b22d3812954006f8a5f',
    },
    stages: {
      table: 'stats_division_stage_rollups',
      key: ['division_id', 'kind', 'stage'],
      pk: 'PK_0bf74205aa0bc1abc5d49a3f035',
    },
  },
  {
    requests: {
      table: 'stats_category_rollups',
      key: ['division_id', 'kind', 'category'],
      pk: 'PK_cb7a06230bb3da9170bc15e9e4c',
    },
    stages: {
      table: 'stats_category_stage_rollups',
      key: ['division_id', 'kind', 'category', 'stage'],
      pk: 'PK_c1b8302678d3aaff2fb2e6f8ff3',
    },
  },
  {
    requests: {
      table: 'stats_unit_rollups',
      key: ['unit_id', 'kind'],
      pk: 'PK_9aad848db428111496951470903',
      divisionIndex: 'IDX_9ba55cc81fce218c0854ca2306',
    },
    stages: {
      table: 'stats_unit_stage_rollups',
      key: ['unit_id', 'kind', 'stage'],
      pk: 'PK_531f039a87393fd6f33f94fe69e',
      divisionIndex: 'IDX_61de0715d01207609e7ecd8535',
    },
  },
];

const TYPES: Record<string, string> = {
  division_id: 'uuid',
  unit_id: 'uuid',
  kind: 'text',
  category: 'text',
  stage: 'text',
};

/**
 * Coarser rollups beside the finest (issue 20's p95 target): per division and kind, per division, kind and
 * category, and per unit and kind, each for the request and the stage counters. A query reads the coarsest level
 * that has the dimensions it filters and groups by (libs/db/statistics/levels.ts), so a three-year summary reads
 * tens of rows a month instead of hundreds. Each level is filled here by summing the finest level's rows, which
 * hold the same facts; from then on every event updates every level in its own transaction.
 */
export class RollupLevels1764370000000 implements MigrationInterface {
  name = 'RollupLevels1764370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const { requests, stages } of LEVELS) {
      await this.create(queryRunner, requests, [
        ...MONEY.map((c) => `"${c}" bigint NOT NULL DEFAULT '0'`),
        ...COUNTS.map((c) => `"${c}" integer NOT NULL DEFAULT '0'`),
      ]);
      await this.create(
        queryRunner,
        stages,
        STAGE_COUNTS.map((c) => `"${c}" integer NOT NULL DEFAULT '0'`),
      );
      await this.fill(queryRunner, requests, 'stats_rollups', [...MONEY, ...COUNTS]);
      await this.fill(queryRunner, stages, 'stats_stage_rollups', STAGE_COUNTS);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { requests, stages } of [...LEVELS].reverse()) {
      for (const level of [stages, requests]) {
        if (level.divisionIndex) await queryRunner.query(`DROP INDEX "public"."${level.divisionIndex}"`);
        await queryRunner.query(`DROP TABLE "${level.table}"`);
      }
    }
  }

  private async create(queryRunner: QueryRunner, level: Level, counters: string[]): Promise<void> {
    const key = ['grain', 'bucket', ...level.key];
    const columns = [
      `"grain" text NOT NULL`,
      `"bucket" date NOT NULL`,
      ...level.key.map((k) => `"${k}" ${TYPES[k]} NOT NULL`),
      ...(level.divisionIndex ? [`"division_id" uuid NOT NULL`] : []),
      ...counters,
    ];
    await queryRunner.query(
      `CREATE TABLE "${level.table}" (${columns.join(', ')}, CONSTRAINT "${level.pk}" PRIMARY KEY (${key.map((k) => `"${k}"`).join(', ')}))`,
    );
    if (level.divisionIndex)
      await queryRunner.query(
        `CREATE INDEX "${level.divisionIndex}" ON "${level.table}" ("grain", "division_id", "bucket") `,
      );
  }

  private async fill(
    queryRunner: QueryRunner,
    level: Level,
    from: string,
    counters: string[],
  ): Promise<void> {
    const columns = ['grain', 'bucket', ...level.key, ...(level.divisionIndex ? ['division_id'] : [])].join(
      ', ',
    );
    await queryRunner.query(
      `INSERT INTO ${level.table} (${columns}, ${counters.join(', ')})
       SELECT ${columns}, ${counters.map((c) => `sum(${c})`).join(', ')} FROM ${from} GROUP BY ${columns}`,
    );
  }
}
