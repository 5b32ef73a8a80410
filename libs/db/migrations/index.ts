import { InitialSchema1763900000000 } from './1763900000000-initial-schema';

/** In order; TypeORM records each in the `migrations` table and runs only the new ones. */
export const MIGRATIONS = [InitialSchema1763900000000];
