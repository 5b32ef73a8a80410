import { z } from 'zod';
import { MAX_PAGE_SIZE, pageCount, pageOf, pageQuery, pageSchema, SCREEN_PAGE_SIZE } from './paging';

describe('the page of every list', () => {
  const query = z.object(pageQuery(SCREEN_PAGE_SIZE));

  it('reads page and size from the query string, with the list’s default size', () => {
    expect(query.parse({})).toEqual({ page: 1, pageSize: SCREEN_PAGE_SIZE });
    expect(query.parse({ page: '3', pageSize: '10' })).toEqual({ page: 3, pageSize: 10 });
  });

  it('refuses page 0 and a page larger than the most a page may hold', () => {
    expect(query.safeParse({ page: '0' }).success).toBe(false);
    expect(query.safeParse({ pageSize: String(MAX_PAGE_SIZE + 1) }).success).toBe(false);
  });

  it('answers the envelope the page schema describes', () => {
    const page = pageOf(['a', 'b'], 7, { page: 2, pageSize: 2 });
    expect(page).toEqual({ items: ['a', 'b'], total: 7, page: 2, pageSize: 2 });
    expect(pageSchema(z.string()).strict().parse(page)).toEqual(page);
  });

  it('counts at least one page, and a last page that is only partly full', () => {
    expect(pageCount({ total: 0, pageSize: 25 })).toBe(1);
    expect(pageCount({ total: 25, pageSize: 25 })).toBe(1);
    expect(pageCount({ total: 26, pageSize: 25 })).toBe(2);
  });
});
