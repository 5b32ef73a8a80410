import { pageOf, type Page, type PageParams } from '@contracts/paging';

/** LIMIT/OFFSET for a page, plus a window count so one query also tells the total. */
export function pageSql({ page, pageSize }: PageParams): string {
  return `LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
}
export const TOTAL_COLUMN = `count(*) OVER ()::int AS "__total"`;
export type WithTotal<T> = T & { __total: number };

/** The page of rows read with TOTAL_COLUMN, in the one envelope of every list. */
export function pageFromRows<T>(rows: WithTotal<T>[], at: PageParams): Page<T> {
  const items = rows.map(({ __total: _, ...row }) => row as T);
  return pageOf(items, rows[0]?.__total ?? 0, at);
}
