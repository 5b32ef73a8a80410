import { pageOf, type Page, type PageParams } from '@contracts/paging';

/** The page of rows a repository read with its window total (`__total`), in the one envelope of every list. */
export function pageFromRows<T>(rows: (T & { __total: number })[], at: PageParams): Page<T> {
  const items = rows.map(({ __total: _, ...row }) => row as T);
  return pageOf(items, rows[0]?.__total ?? 0, at);
}
