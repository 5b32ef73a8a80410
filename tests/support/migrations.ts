import type { DataSource } from 'typeorm';

/** Undoes the migrations from the last one run back to and including `name`, the later ones first. */
export async function undoThrough(ds: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
    await ds.undoLastMigration({ transaction: 'each' });
    if (last.name === name) return;
  }
}
