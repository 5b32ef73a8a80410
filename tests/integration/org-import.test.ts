import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { UsersRepository } from '@db/repositories/users.repository';
import type { ImportPlan } from '@domain/org-import';
import { importOrganisation } from '@org-import/import';
import { MAX_IMPORT_BYTES, readImportFile, UnreadableImport } from '@org-import/read';
import { type Cell, workbookOf } from '@org-import/template';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { aRegion, REGION, runImportCli } from '../support/region-file';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db?.stop());

const counts = (plan: ImportPlan | null) =>
  plan && {
    create: plan.create.length,
    change: plan.change.length,
    deactivate: plan.deactivate.length,
    unchanged: plan.unchanged,
  };

async function snapshot() {
  const [row] = await db.dataSource.query(
    `SELECT (SELECT count(*)::int FROM org_units) AS units, (SELECT count(*)::int FROM users) AS users,
            (SELECT count(*)::int FROM users WHERE active) AS active,
            (SELECT count(*)::int FROM role_assignments) AS grants,
            (SELECT count(*)::int FROM admin_audit_log) AS audit,
            (SELECT md5(string_agg(u.employee_id || u.display_name || u.active || coalesce(r.role, '') || coalesce(r.valid_to::text, ''), ',' ORDER BY u.employee_id, r.role, r.id))
               FROM users u LEFT JOIN role_assignments r ON r.user_id = u.id) AS digest`,
  );
  return row as {
    units: number;
    users: number;
    active: number;
    grants: number;
    audit: number;
    digest: string;
  };
}

const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await f();
  console.info(`${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
};

describe('the organisation import', () => {
  const region = aRegion();

  it('dry-runs, applies and re-imports a region of 7 divisions, 60 units and 2 000 people', async () => {
    const bytes = await timed('write XLSX', () => workbookOf(region));
    const file = await timed('read XLSX', () => readImportFile(bytes, 'region.xlsx'));

    const dry = await timed('dry run', () =>
      importOrganisation(db.dataSource, file, { apply: false, actorId: null }),
    );
    expect(dry.problems).toEqual([]);
    expect(counts(dry.plan)).toEqual({
      create: REGION.divisions + REGION.units + REGION.people + 1,
      change: 0,
      deactivate: 0,
      unchanged: { units: 0, people: 0 },
    });
    expect((await snapshot()).units).toBe(0);

    const applied = await timed('apply', () =>
      importOrganisation(db.dataSource, file, { apply: true, actorId: null }),
    );
    expect(applied.applied).toBe(true);
    const after = await snapshot();
    expect(after).toMatchObject({
      units: REGION.divisions + REGION.units,
      users: REGION.people + 1,
      active: REGION.people + 1,
      grants: REGION.people + REGION.people / 10 + 1,
      audit: REGION.divisions + REGION.units + REGION.people + 1,
    });
    const [unit] = await db.dataSource.query(
      `SELECT p.code AS parent, o.level FROM org_units o JOIN org_units p ON p.id = o.parent_id WHERE o.code = 'U008'`,
    );
    expect(unit).toEqual({ parent: 'DIV1', level: 'unit' });
    const ada = await new UsersRepository(db.dataSource).withGrants({ username: 'SE-ADMIN' });
    expect(ada?.grants).toEqual([{ role: 'admin', scopeUnitId: null }]);

    const again = await timed('re-import', () =>
      importOrganisation(db.dataSource, file, { apply: true, actorId: null }),
    );
    expect(counts(again.plan)).toEqual({
      create: 0,
      change: 0,
      deactivate: 0,
      unchanged: { units: REGION.divisions + REGION.units, people: REGION.people + 1 },
    });
    expect(await snapshot()).toEqual(after);
  }, 120_000);

  it('deactivates a person missing from the file and changes a role, with the audit log before and after', async () => {
    const removed = region.people.filter((r) => r[0] !== 'SE2321000016-00002');
    const promoted = removed.map((r) =>
      r[0] === 'SE2321000016-00001' && r[3] === 'hr_reviewer'
        ? [...r.slice(0, 3), 'hr_lead', ...r.slice(4)]
        : r,
    );
    const file = await readImportFile(
      await workbookOf({ units: region.units, people: promoted }),
      'region-v2.xlsx',
    );
    // The leaver stands in for a colleague, and a colleague for them: both delegations end with the import.
    const [leaving] = await db.dataSource.query(
      `SELECT id FROM users WHERE employee_id = 'SE2321000016-00002'`,
    );
    const [colleague] = await db.dataSource.query(
      `SELECT id FROM users WHERE employee_id = 'SE2321000016-00003'`,
    );
    const [stay] = await db.dataSource.query(`SELECT id FROM users WHERE employee_id = 'SE2321000016-00004'`);
    for (const [from, to] of [
      [colleague.id, leaving.id],
      [leaving.id, colleague.id],
      [colleague.id, stay.id],
    ]) {
      await db.dataSource.query(
        `INSERT INTO delegations (delegator_id, delegate_id, valid_from, valid_to, created_by)
         VALUES ($1, $2, CURRENT_DATE, CURRENT_DATE + 30, $1)`,
        [from, to],
      );
    }
    const deactivatedIds: string[][] = [];
    const outcome = await timed('import with one leaver and one new role', () =>
      importOrganisation(db.dataSource, file, {
        apply: true,
        actorId: null,
        onPeopleDeactivated: async (ids) => void deactivatedIds.push(ids),
      }),
    );
    expect(outcome.plan!.deactivate.map((i) => i.key)).toEqual(['SE2321000016-00002']);
    expect(outcome.plan!.change.map((i) => i.key)).toEqual(['SE2321000016-00001']);
    const [leaver] = await db.dataSource.query(
      `SELECT id, active FROM users WHERE employee_id = 'SE2321000016-00002'`,
    );
    expect(leaver.active).toBe(false);
    expect(deactivatedIds).toEqual([[leaver.id]]);
    const users = new UsersRepository(db.dataSource);
    expect(await users.withGrants({ username: 'SE2321000016-00002' })).toBeUndefined();
    expect(
      (await users.withGrants({ username: 'SE2321000016-00001' }))?.grants.map((g) => g.role).sort(),
    ).toEqual(['hr_lead', 'requester']);
    const audit = await db.dataSource.query(
      `SELECT action, before->'roles' AS before, after->'roles' AS after FROM admin_audit_log
        WHERE entity = 'user' AND action IN ('change', 'deactivate') ORDER BY action`,
    );
    expect(audit).toEqual([
      {
        action: 'change',
        before: expect.arrayContaining([expect.objectContaining({ role: 'hr_reviewer' })]),
        after: expect.arrayContaining([expect.objectContaining({ role: 'hr_lead' })]),
      },
      { action: 'deactivate', before: [expect.objectContaining({ role: 'requester' })], after: [] },
    ]);
    const delegations = await db.dataSource.query(
      `SELECT delegator_id AS "from", delegate_id AS "to", revoked_at IS NOT NULL AS ended FROM delegations`,
    );
    expect(delegations).toEqual(
      expect.arrayContaining([
        { from: colleague.id, to: leaving.id, ended: true },
        { from: leaving.id, to: colleague.id, ended: true },
        { from: colleague.id, to: stay.id, ended: false },
      ]),
    );
    const [{ count: endedAudited }] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM admin_audit_log WHERE entity = 'delegation' AND action = 'end'`,
    );
    expect(endedAudited).toBe(2);
    const twice = await importOrganisation(db.dataSource, file, { apply: true, actorId: null });
    expect(counts(twice.plan)).toMatchObject({ create: 0, change: 0, deactivate: 0 });
  }, 60_000);

  it('counts a stand-in role only from its first day to its last', async () => {
    const people = [
      ...region.people,
      [
        'SE2321000016-00001',
        'Person 1',
        'person1@region.example',
        'director',
        'DIV2',
        '2099-01-01',
        '2099-02-01',
      ],
      [
        'SE2321000016-00001',
        'Person 1',
        'person1@region.example',
        'executive',
        'REGION',
        '2020-01-01',
        '2099-12-31',
      ],
    ];
    const file = await readImportFile(await workbookOf({ units: region.units, people }), 'standin.xlsx');
    const outcome = await importOrganisation(db.dataSource, file, { apply: true, actorId: null });
    expect(outcome.problems).toEqual([]);
    const grants = (await new UsersRepository(db.dataSource).withGrants({ username: 'SE2321000016-00001' }))!
      .grants;
    expect(grants.map((g) => g.role).sort()).toEqual(['executive', 'hr_reviewer', 'requester']);
  });

  describe('refuses a bad file with a clear error and leaves the database as it was', () => {
    const problemsOf = async (units: Cell[][], people: Cell[][]) => {
      const before = await snapshot();
      const file = await readImportFile(await workbookOf({ units, people }), 'bad.xlsx');
      const outcome = await importOrganisation(db.dataSource, file, { apply: true, actorId: null });
      expect(outcome.applied).toBe(false);
      expect(await snapshot()).toEqual(before);
      return outcome.problems;
    };

    it('a cycle in the unit tree', async () => {
      const units = [
        ...region.units,
        ['X1', 'X2', 'X1', 'unit', '', '', '', ''],
        ['X2', 'X1', 'X2', 'unit', '', '', '', ''],
      ];
      expect(await problemsOf(units, region.people)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sheet: 'Enheter',
            line: units.length,
            field: 'parentCode',
            message: expect.stringMatching(/cycle/),
          }),
        ]),
      );
    });

    it('an unknown role, a duplicate id and an unknown scope code, each on its line', async () => {
      const people = [
        ...region.people,
        ['SE-X', 'Xa', '', 'overlord', 'DIV1', '', ''],
        ['SE-ADMIN', 'Someone Else', '', 'requester', 'U001', '', ''],
        ['SE-Y', 'Ya', '', 'requester', 'NOWHERE', '', ''],
      ];
      const n = people.length + 1;
      expect((await problemsOf(region.units, people)).map((p) => [p.line, p.field])).toEqual([
        [n - 2, 'role'],
        [n - 1, 'id'],
        [n, 'scopeCode'],
      ]);
    });

    it('an empty file', async () => {
      expect(await problemsOf([], [])).toEqual([
        expect.objectContaining({
          line: 0,
          field: 'file',
          message: expect.stringMatching(/no units and no people/),
        }),
      ]);
    });

    it('a 50 MB file, before reading it', async () => {
      const big = Buffer.alloc(50 * 1024 * 1024, 'a');
      await expect(readImportFile(big, 'huge.csv')).rejects.toMatchObject({
        status: 413,
        message: expect.stringMatching(/huge\.csv is 50\.0 MB.*up to 10 MB/),
      });
      expect(big.length).toBeGreaterThan(MAX_IMPORT_BYTES);
    });

    it('a file that is not a spreadsheet', async () => {
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        randomBytes(512),
      ]);
      const error = await readImportFile(png, 'photo.png').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnreadableImport);
      expect(error).toMatchObject({
        status: 415,
        message: expect.stringMatching(/photo\.png is neither an XLSX workbook nor a CSV/),
      });
      const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(256)]);
      await expect(readImportFile(zip, 'broken.xlsx')).rejects.toMatchObject({ status: 422 });
      const noSheets = new ExcelJS.Workbook();
      noSheets.addWorksheet('Blad1');
      await expect(
        readImportFile(Buffer.from(await noSheets.xlsx.writeBuffer()), 'wrong.xlsx'),
      ).rejects.toMatchObject({
        status: 422,
        message: expect.stringMatching(/needs the sheets "Enheter" and "Personer"; it has "Blad1"/),
      });
    });
  });

  it('reads the same organisation from a CSV as Swedish Excel saves it (;, BOM, quotes)', async () => {
    const header =
      'Typ;Enhetskod;Överordnad kod;Namn;Nivå;Budget (kr);Personalkostnad (kr);Id (HSA-id);E-post;Roll;Omfattning (enhetskod);Från;Till';
    const lines = [
      header,
      ...region.units.map(
        (u) => `enhet;${u[0]};${u[1]};"${u[2]}";${u[3]};${u[4] ?? ''};${u[5] ?? ''};;;;;${u[6] ?? ''};`,
      ),
      ...region.people.map((p) => `person;;;"${p[1]}";;;;${p[0]};${p[2]};${p[3]};${p[4]};;`),
    ];
    const file = await readImportFile(Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8'), 'region.csv');
    const outcome = await importOrganisation(db.dataSource, file, { apply: false, actorId: null });
    expect(outcome.problems).toEqual([]);
    // The file is the first version again: only the stand-in's extra roles of the test before go.
    expect(counts(outcome.plan)).toMatchObject({ create: 0, deactivate: 0 });
    expect(outcome.plan!.change.map((i) => i.key).sort()).toEqual(['SE2321000016-00001']);
  });
});

describe('npm run import:org', () => {
  const run = (args: string[]) => runImportCli(args, db.url);

  it('prints the plan of a dry run, and the bad rows with exit code 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'org-import-'));
    const good = join(dir, 'good.xlsx');
    await writeFile(good, await workbookOf(aRegion()));
    const before = await snapshot();
    const dry = await run([good]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/dry run: nothing changed/);
    expect(await snapshot()).toEqual(before);
    const bad = join(dir, 'bad.xlsx');
    await writeFile(
      bad,
      await workbookOf({ units: aRegion().units, people: [['SE-Z', 'Zed', '', 'overlord', 'DIV1', '', '']] }),
    );
    const refused = await run([bad, '--apply']);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Personer line 2, role: "overlord" is not a role/);
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});
