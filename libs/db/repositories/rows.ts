import { z } from 'zod';

/** Anything that runs SQL: a DataSource, the EntityManager of a transaction, a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Every row a repository hands on has passed its zod row schema: a column renamed in a migration, or a type the
 * driver returns differently, fails here with the column named, not later as `undefined` in a response.
 */
export async function many<S extends z.ZodTypeAny>(
  db: Queryable,
  row: S,
  sql: string,
  params: unknown[] = [],
): Promise<z.output<S>[]> {
  return z.array(row).parse(await db.query(sql, params));
}

/** The first row, or undefined when the statement returned none. */
export async function first<S extends z.ZodTypeAny>(
  db: Queryable,
  row: S,
  sql: string,
  params: unknown[] = [],
): Promise<z.output<S> | undefined> {
  return (await many(db, row, sql, params))[0];
}

/** The rows of an UPDATE … RETURNING (TypeORM answers an UPDATE with [rows, count]). */
export async function updated<S extends z.ZodTypeAny>(
  db: Queryable,
  row: S,
  sql: string,
  params: unknown[] = [],
): Promise<z.output<S>[]> {
  const [rows] = (await db.query(sql, params)) as [unknown, number];
  return z.array(row).parse(rows);
}

/** A statement whose result nobody reads. */
export async function execute(db: Queryable, sql: string, params: unknown[] = []): Promise<void> {
  await db.query(sql, params);
}

/** A page of a list: pages from 1. */
export interface PageOf {
  page: number;
  pageSize: number;
}

/** LIMIT/OFFSET for a page, plus a window count so one query also tells the total. */
export function pageSql({ page, pageSize }: PageOf): string {
  return `LIMIT ${Math.trunc(pageSize)} OFFSET ${Math.trunc((page - 1) * pageSize)}`;
}
export const TOTAL_COLUMN = `count(*) OVER ()::int AS "__total"`;
/** The zod shape of TOTAL_COLUMN, for a list row schema to `.extend` with. */
export const windowTotal = { __total: z.number().int() };

/** A `bigint` column (pg returns it as text) as a number: kronor stay far below 2^53. */
export const bigintNumber = z.union([z.string(), z.number()]).transform(Number);
/** A `timestamptz` as the driver returns it. */
export const timestamp = z.date();
/** A `date` column selected `::text`. */
export const dateText = z.string();
export const jsonObject = z.record(z.unknown());
