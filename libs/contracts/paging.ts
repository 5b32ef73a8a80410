import { z } from 'zod';
import { count } from './wire';

/**
 * Every list is a page in one envelope (`items`, `total`, `page`, `pageSize`): the API's lists, the OpenAPI
 * document and the web app's pager all read it. Pages count from 1.
 */

/** The most a page may hold, and the default of the registers a form loads whole. */
export const MAX_PAGE_SIZE = 100;
/** The default of the lists a person pages through on screen (requests, notifications). */
export const SCREEN_PAGE_SIZE = 25;

/** The query parameters of a list, with its default page size. */
export function pageQuery(defaultPageSize: number) {
  return {
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(defaultPageSize),
  };
}

const pageFields = {
  total: count.describe('Items in the whole list, on every page'),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
};

/** The envelope of a page of `item`. */
export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), ...pageFields });
}

export type Page<T> = { items: T[] } & z.infer<z.ZodObject<typeof pageFields>>;
export type PageParams = Pick<Page<unknown>, 'page' | 'pageSize'>;

/** The page `at` of a list of `total` items, holding `items`. */
export function pageOf<T>(items: T[], total: number, at: PageParams): Page<T> {
  return { items, total, page: at.page, pageSize: at.pageSize };
}

/** The number of pages a list of `total` items fills (at least one, empty or not). */
export function pageCount({ total, pageSize }: Pick<Page<unknown>, 'total' | 'pageSize'>): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
