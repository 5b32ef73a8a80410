import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openDatabase } from '@db/open-database';
import { importOrganisation } from '@org-import/import';
import { readImportFile, UnreadableImport } from '@org-import/read';
import { reportLines } from '@org-import/report';
import { templateWorkbook } from '@org-import/template';

const USAGE = `usage: npm run import:org -- <file.xlsx|file.csv> [--apply]
       npm run import:org -- --template <out.xlsx>
Plans the organisation in the file against DATABASE_URL's (a dry run unless --apply) and prints the plan or the
bad rows; exits 1 when the file has bad rows or cannot be read. docs/organisation-import.md describes the file.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === '--template' && args[1]) {
    await writeFile(args[1], await templateWorkbook());
    process.stdout.write(`wrote ${args[1]}\n`);
    return 0;
  }
  const path = args.find((a) => !a.startsWith('--'));
  if (!path || args.some((a) => a.startsWith('--') && a !== '--apply')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL is not set\n');
    return 2;
  }
  const file = await (async () => {
    try {
      return await readImportFile(await readFile(path), basename(path));
    } catch (e) {
      if (e instanceof UnreadableImport) {
        process.stderr.write(`${e.message}\n`);
        return undefined;
      }
      throw e;
    }
  })();
  if (!file) return 1;
  const dataSource = await openDatabase({
    url,
    poolSize: 2,
    applicationName: 'provning-import-org',
    migrate: false,
    log: () => undefined,
  });
  try {
    const started = Date.now();
    const outcome = await importOrganisation(dataSource, file, {
      apply: args.includes('--apply'),
      actorId: null,
    });
    process.stdout.write(
      `${reportLines(outcome, { detail: 50 }).join('\n')}\n(${Date.now() - started} ms)\n`,
    );
    return outcome.problems.length ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
