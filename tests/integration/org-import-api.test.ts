import ExcelJS from 'exceljs';
import { PERSON_COLUMNS, UNIT_COLUMNS, workbookOf } from '@org-import/template';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const counts = async () =>
  (
    await t.db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM org_units WHERE valid_to IS NULL) AS open,
              (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM admin_audit_log) AS audit`,
    )
  )[0];

/** The demo organisation's units as import rows, with SOM-AKUT closed in the past: it must refuse new requests. */
async function demoRows() {
  const units: Record<'code' | 'parent' | 'name' | 'level' | 'budget' | 'staff', string | null>[] =
    await t.db.dataSource.query(
      `SELECT o.code, p.code AS parent, o.name, o.level, o.budget_sek AS budget, o.staff_cost_sek AS staff
         FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id`,
    );
  return units.map((u) => [
    u.code,
    u.parent ?? '',
    u.name,
    u.level,
    u.budget ?? '',
    u.staff ?? '',
    '',
    u.code === 'SOM-AKUT' ? '2020-12-31' : '',
  ]);
}
const people = [
  ['SE-1', 'Ny Person', 'ny@region.example', 'requester', 'SOM-MED', '', ''],
  ['SE-2', 'Annan Person', '', 'hr_reviewer', 'SOM', '', ''],
];

describe('role assignment periods', () => {
  it('shows a reviewer whose grant has ended none of the requests it covered', async () => {
    expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
    const units = await unitIdsByCode(t);
    await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(units.get('SOM-AKUT')!))
      .expect(201);
    const seen = async () =>
      (
        await t.http
          .get('/api/v1/requests')
          .set(await bearer(t, 'hr.somatik'))
          .expect(200)
      ).body.total;
    expect(await seen()).toBe(1);
    const ended = `UPDATE role_assignments SET valid_to = $1 WHERE user_id = (SELECT id FROM users WHERE username = 'hr.somatik')`;
    await t.db.dataSource.query(ended, ['2020-12-31']);
    expect(await seen()).toBe(0);
    await t.db.dataSource.query(ended, [null]);
    expect(await seen()).toBe(1);
  });
});

describe('POST /api/v1/org-import', () => {
  it('answers a dry run of an uploaded XLSX with the plan and changes nothing', async () => {
    const before = await counts();
    const res = await t.http
      .post('/api/v1/org-import')
      .set(await bearer(t, 'admin'))
      .attach('file', await workbookOf({ units: await demoRows(), people }), {
        filename: 'org.xlsx',
        contentType: XLSX,
      })
      .expect(200);
    expect(res.body).toMatchObject({ applied: false, problems: [] });
    expect(res.body.plan.create.map((i: { key: string }) => i.key)).toEqual(['SE-1', 'SE-2']);
    expect(res.body.plan.change.map((i: { key: string }) => i.key)).toEqual(['SOM-AKUT']);
    expect(await counts()).toEqual(before);
  });

  it('applies with apply=true (raw body), audits it, and a closed unit takes no new requests', async () => {
    const body = await workbookOf({ units: await demoRows(), people });
    const res = await t.http
      .post('/api/v1/org-import?apply=true&fileName=org.xlsx')
      .set({ ...(await bearer(t, 'admin')), 'Content-Type': XLSX })
      .send(body)
      .expect(200);
    expect(res.body.applied).toBe(true);
    const audit = await t.http
      .get('/api/v1/admin-audit?pageSize=10')
      .set(await bearer(t, 'admin'))
      .expect(200);
    expect(audit.body.total).toBe(3);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'change',
      'create',
      'create',
    ]);
    const admin = (await t.db.dataSource.query(`SELECT id FROM users WHERE username = 'admin'`))[0].id;
    expect(audit.body.items[0].actorId).toBe(admin);

    const units = await unitIdsByCode(t);
    const refused = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(units.get('SOM-AKUT')!))
      .expect(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'unitId', message: expect.stringMatching(/closed/) }),
    ]);
  });

  it('answers bad rows with their lines and applies nothing', async () => {
    const before = await counts();
    const csv =
      '\ufeffTyp;Enhetskod;Överordnad kod;Namn;Nivå;Id;Roll;Omfattning\r\nenhet;A;B;A;unit;;;\r\nenhet;B;A;B;unit;;;\r\nperson;;;"Eva";;SE-9;chef;A\r\n';
    const res = await t.http
      .post('/api/v1/org-import?apply=true&fileName=bad.csv')
      .set({ ...(await bearer(t, 'admin')), 'Content-Type': 'text/csv' })
      .send(csv)
      .expect(200);
    expect(res.body.applied).toBe(false);
    expect(res.body.plan).toBeNull();
    expect(res.body.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`)).toEqual(
      expect.arrayContaining(['2:parentCode', '3:parentCode', '4:role']),
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses a new person whose id is already the username of another user', async () => {
    const res = await t.http
      .post('/api/v1/org-import?fileName=clash.xlsx')
      .set({ ...(await bearer(t, 'admin')), 'Content-Type': XLSX })
      .send(
        await workbookOf({
          units: await demoRows(),
          people: [...people, ['admin', 'Imposter', '', 'admin', 'REGION', '', '']],
        }),
      )
      .expect(200);
    expect(res.body.plan).toBeNull();
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        field: 'id',
        message: expect.stringMatching(/"admin" is already the username/),
      }),
    ]);
  });

  it('refuses a 50 MB upload with 413, a file that is no spreadsheet with 415, and JSON with 415, each by name', async () => {
    const admin = await bearer(t, 'admin');
    const big = await t.http
      .post('/api/v1/org-import')
      .set(admin)
      .attach('file', Buffer.alloc(50 * 1024 * 1024, 'a'), { filename: 'huge.csv', contentType: 'text/csv' });
    expect(big.status).toBe(413);
    expect(big.body.detail).toMatch(/10 MB/);
    const png = await t.http
      .post('/api/v1/org-import')
      .set(admin)
      .attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe]), {
        filename: 'photo.png',
        contentType: 'image/png',
      })
      .expect(415);
    expect(png.body.detail).toMatch(/photo\.png is neither an XLSX workbook nor a CSV/);
    const json = await t.http.post('/api/v1/org-import').set(admin).send({ file: 'x' }).expect(415);
    expect(json.body.detail).toMatch(/multipart field "file"/);
    await t.http.post('/api/v1/org-import?apply=maybe').set(admin).send({}).expect(400);
  });

  it('is for admins only', async () => {
    await t.http
      .post('/api/v1/org-import')
      .set(await bearer(t, 'hrchef'))
      .send({})
      .expect(403);
    await t.http
      .get('/api/v1/admin-audit')
      .set(await bearer(t, 'hsdir'))
      .expect(403);
    await t.http.get('/api/v1/admin-audit').expect(401);
  });
});

describe('GET /api/v1/org-import/template', () => {
  it('serves the workbook the import reads: its two sheets, the documented headers, a dry run without problems', async () => {
    const admin = await bearer(t, 'admin');
    const res = await t.http
      .get('/api/v1/org-import/template')
      .set(admin)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Enheter', 'Personer']);
    const header = (name: string) => (book.getWorksheet(name)!.getRow(1).values as string[]).slice(1);
    expect(header('Enheter')).toEqual(UNIT_COLUMNS);
    expect(header('Personer')).toEqual(PERSON_COLUMNS);
    const before = await counts();
    const dry = await t.http
      .post('/api/v1/org-import')
      .set(admin)
      .attach('file', res.body as Buffer, 'mall.xlsx')
      .expect(200);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.plan.create.length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it('is for admins only', async () => {
    await t.http
      .get('/api/v1/org-import/template')
      .set(await bearer(t, 'hrchef'))
      .expect(403);
    await t.http.get('/api/v1/org-import/template').expect(401);
  });
});
