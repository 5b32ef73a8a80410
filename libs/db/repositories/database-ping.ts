import { execute, type Queryable } from './rows';

/** The cheapest statement PostgreSQL answers: readiness asks it. */
export function pingDatabase(db: Queryable): Promise<void> {
  return execute(db, 'SELECT 1');
}
