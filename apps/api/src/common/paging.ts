import type { Response } from 'express';
import { z } from 'zod';

/** Page parameters of every list: pages from 1, at most 100 items a page. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(100),
};
export type Page = { page: number; pageSize: number };

/**
 * Lists that are plain arrays carry their total in `X-Total-Count`, so the body stays an array of the resource.
 */
export function withTotal<T extends { __total?: number }>(rows: T[], res: Response): Omit<T, '__total'>[] {
  res.setHeader('X-Total-Count', String(rows[0]?.__total ?? 0));
  return rows.map(({ __total: _, ...row }) => row);
}
