import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Cell } from '@org-import/template';

export const REGION = { divisions: 7, units: 60, people: 2000 } as const;
const REVIEW_ROLES = ['hr_reviewer', 'hr_lead', 'director'];

export const personId = (p: number) => `SE2321000016-${String(p + 1).padStart(5, '0')}`;
export const ADMIN_ROW: Cell[] = ['SE-ADMIN', 'Ada Admin', 'ada@region.example', 'admin', 'REGION', '', ''];

/**
 * A region of 7 divisions, 60 units and 2 000 people as import rows: each person a requester in a unit (person p
 * in unit p mod 60, unit u in division u mod 7), every tenth a reviewer too, and one admin.
 */
export function aRegion() {
  const divisions = Array.from({ length: REGION.divisions }, (_, d) => `DIV${d + 1}`);
  const units: Cell[][] = divisions.map((code, d) => [
    code,
    '',
    `Förvaltning ${d + 1}`,
    'division',
    100_000_000 + d,
    80_000_000,
    '2024-01-01',
    '',
  ]);
  const unitCodes = Array.from({ length: REGION.units }, (_, u) => `U${String(u + 1).padStart(3, '0')}`);
  unitCodes.forEach((code, u) =>
    units.push([code, divisions[u % REGION.divisions], `Enhet ${u + 1}`, 'unit', '', '', '', '']),
  );
  const people: Cell[][] = [];
  for (let p = 0; p < REGION.people; p++) {
    const id = personId(p);
    const name = `Person ${p + 1}`;
    const email = `person${p + 1}@region.example`;
    people.push([id, name, email, 'requester', unitCodes[p % REGION.units], '', '']);
    if (p % 10 === 0)
      people.push([id, name, email, REVIEW_ROLES[(p / 10) % 3], divisions[p % REGION.divisions], '', '']);
  }
  people.push(ADMIN_ROW);
  return { units, people };
}

/** `npm run import:org -- …args` against `databaseUrl`, as a nightly job runs it: its exit code and output. */
export function runImportCli(args: string[], databaseUrl: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', './scripts/ts-register.cjs', 'scripts/import-org.ts', ...args],
      {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, DATABASE_URL: databaseUrl },
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}
