import ExcelJS from 'exceljs';
import { accrualByMonth } from '@domain/cost';
import { ACTUAL_COLUMNS } from '@domain/cost-actuals';
import { startTestApp, type TestApp } from '../support/app';
import { demoFixture } from '../support/fixtures';
import { historyWriter } from '../support/history';
import { bearer, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // The demo's illustrative actuals and targets out of the way: this file books its own and counts them.
  await t.db.dataSource.query(`DELETE FROM cost_actuals`);
  await t.db.dataSource.query(`DELETE FROM cost_targets`);
});
afterAll(() => t?.stop());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Row = [string, string, number | string, number | string];

async function workbook(rows: Row[], sheetName = 'Utfall'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.addRow(ACTUAL_COLUMNS);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csv = (rows: Row[]) =>
  Buffer.from([ACTUAL_COLUMNS.join(';'), ...rows.map((r) => r.join(';'))].join('\r\n'), 'utf8');

async function upload(file: Buffer, name: string, apply: boolean, username = 'admin', status = 200) {
  return t.http
    .post(`/api/v1/actuals-import?apply=${apply}`)
    .set(await bearer(t, username))
    .attach('file', file, { filename: name, contentType: name.endsWith('.csv') ? 'text/csv' : XLSX })
    .expect(status);
}

/** Two years of SOM (division rows) and PSY (its units' rows), so a year can be compared with the one before. */
const ROWS: Row[] = [];
for (const year of [2024, 2025])
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    const fall = year === 2025 ? 0.8 : 1;
    ROWS.push([month, 'SOM', Math.round(9_000_000 * fall) + m * 1000, 170_000_000 + m * 500]);
    if (year === 2025 && m > 6) continue; // PSY has booked only the first half of 2025
    ROWS.push([month, 'PSY-VUX', Math.round(1_500_000 * fall) + m, 22_000_000]);
    ROWS.push([month, 'PSY-HAB', 300_000 + m, 11_000_000]);
  }

const SOM_JAN_2025 = ROWS.find((r) => r[0] === '2025-01' && r[1] === 'SOM')!;

describe('POST /api/v1/actuals-import', () => {
  it('dry-runs a workbook as a plan, applies it in one go with an audit row each, and re-applies as no change', async () => {
    const file = await workbook(ROWS);
    const dry = await upload(file, 'utfall.xlsx', false);
    expect(dry.body).toMatchObject({ applied: false, rows: ROWS.length, problems: [] });
    expect(dry.body.plan.create).toHaveLength(ROWS.length);
    expect((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM cost_actuals`))[0].n).toBe(0);

    const applied = await upload(file, 'utfall.xlsx', true);
    expect(applied.body.applied).toBe(true);
    expect((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM cost_actuals`))[0].n).toBe(
      ROWS.length,
    );
    const audit = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM admin_audit_log l JOIN users u ON u.id = l.actor_id
        WHERE l.entity = 'cost_actual' AND u.username = 'admin'`,
    );
    expect(audit[0].n).toBe(ROWS.length);

    const again = await upload(file, 'utfall.xlsx', true);
    expect(again.body.plan).toEqual({ create: [], change: [], unchanged: ROWS.length });
  });

  it('shows a changed amount before and after, from a CSV as Swedish Excel writes it', async () => {
    const res = await upload(csv([['2025-01', 'SOM', '7 300 000', SOM_JAN_2025[3]]]), 'rättelse.csv', false);
    expect(res.body.plan.change).toEqual([
      {
        month: '2025-01-01',
        code: 'SOM',
        before: { agencyCostSek: SOM_JAN_2025[2], ownStaffCostSek: SOM_JAN_2025[3] },
        after: { agencyCostSek: 7_300_000, ownStaffCostSek: SOM_JAN_2025[3] },
      },
    ]);
  });

  it('names sheet, line and field of every bad row and applies none of the file', async () => {
    const before = (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM cost_actuals`))[0].n;
    const res = await upload(
      await workbook([
        ['2026-01', 'SOM', 1, 1],
        ['2026-13', 'SOM', 1, 1],
        ['2026-02', 'NOPE', 1, 1],
        ['2026-03', 'SOM', -5, 1],
        ['2026-03', 'PSY', 1, 1.5],
        ['2026-01', 'SOM', 2, 2],
        ['2026-04', 'PSY', 1, 1],
        ['2026-04', 'PSY-VUX', 1, 1],
      ]),
      'fel.xlsx',
      true,
    );
    expect(res.body.applied).toBe(false);
    expect(res.body.plan).toBeNull();
    expect(
      res.body.problems.map(
        (p: { sheet: string; line: number; field: string }) => `${p.sheet}:${p.line}:${p.field}`,
      ),
    ).toEqual([
      'Utfall:3:month',
      'Utfall:4:code',
      'Utfall:5:agencyCostSek',
      'Utfall:6:ownStaffCostSek',
      'Utfall:7:code',
      'Utfall:9:code',
    ]);
    expect((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM cost_actuals`))[0].n).toBe(before);
  });

  it('refuses a 50 MB upload with 413 and a file that is no spreadsheet with 415, naming the field', async () => {
    const admin = await bearer(t, 'admin');
    const big = await t.http
      .post('/api/v1/actuals-import')
      .set(admin)
      .attach('file', Buffer.alloc(50 * 1024 * 1024, 'a'), { filename: 'huge.csv', contentType: 'text/csv' });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(big.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const png = await t.http
      .post('/api/v1/actuals-import')
      .set(admin)
      .attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe]), {
        filename: 'photo.png',
        contentType: 'image/png',
      })
      .expect(415);
    expect(png.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(png.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(png.body.detail).toMatch(/photo\.png is neither an XLSX workbook nor a CSV/);
    const bad = await t.http.post('/api/v1/actuals-import?apply=maybe').set(admin).send({}).expect(400);
    expect(bad.body.errors[0].field).toBe('apply');
  });

  it('keeps a follow-up role over a division to that division’s rows and targets', async () => {
    const units = await unitIdsByCode(t);
    const [user] = await t.db.dataSource.query(
      `INSERT INTO users (username, display_name) VALUES ('ekonom.psyk', 'Ekonom Psykiatri') RETURNING id`,
    );
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'follow_up', $2)`,
      [user.id, units.get('PSY')],
    );
    const refused = await upload(
      csv([
        ['2025-01', 'PSY-VUX', 1, 1],
        ['2025-01', 'SOM', 1, 1],
      ]),
      'u.csv',
      false,
      'ekonom.psyk',
    );
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'code', message: '"SOM" is outside your divisions' }),
    ]);
    await upload(csv([['2025-01', 'PSY-VUX', 1, 1]]), 'u.csv', false, 'ekonom.psyk');
    const as = await bearer(t, 'ekonom.psyk');
    const target = { year: 2029, agencyReductionSek: 1, agencyShareCeiling: null, note: '' };
    await t.http
      .put('/api/v1/cost-targets')
      .set(as)
      .send({ ...target, divisionId: units.get('SOM') })
      .expect(403);
    await t.http
      .put('/api/v1/cost-targets')
      .set(as)
      .send({ ...target, divisionId: null })
      .expect(403);
    const own = await t.http
      .put('/api/v1/cost-targets')
      .set(as)
      .send({ ...target, divisionId: units.get('PSY') })
      .expect(200);
    await t.http.delete(`/api/v1/cost-targets/${own.body.id}`).set(as).expect(204);
  });

  it('lets the follow-up role import, and refuses a director', async () => {
    await upload(csv([['2025-01', 'SOM', SOM_JAN_2025[2], SOM_JAN_2025[3]]]), 'u.csv', false, 'styrgrupp');
    await upload(csv([['2025-01', 'SOM', 1, 1]]), 'u.csv', false, 'div.somatik', 403);
    const template = await t.http
      .get('/api/v1/actuals-import/template')
      .set(await bearer(t, 'styrgrupp'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.body);
    expect(wb.worksheets[0].name).toBe('Utfall');
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(ACTUAL_COLUMNS);
  });
});

describe('cost targets', () => {
  it('sets, replaces and clears a target, audited, and names a bad field', async () => {
    const units = await unitIdsByCode(t);
    const admin = await bearer(t, 'admin');
    const body = {
      year: 2025,
      divisionId: units.get('SOM')!,
      agencyReductionSek: 20_000_000,
      agencyShareCeiling: 0.05,
      note: 'x',
    };
    const set = await t.http.put('/api/v1/cost-targets').set(admin).send(body);
    const replaced = await t.http
      .put('/api/v1/cost-targets')
      .set(admin)
      .send({ ...body, agencyShareCeiling: 0.04 })
      .expect(200);
    expect(replaced.body.id).toBe(set.body.id);
    expect(replaced.body.agencyShareCeiling).toBe(0.04);
    for (const [patch, field] of [
      [{ agencyShareCeiling: 1.5 }, 'agencyShareCeiling'],
      [{ agencyReductionSek: -1 }, 'agencyReductionSek'],
      [{ year: 1999 }, 'year'],
      [{ divisionId: units.get('SOM-AKUT') }, 'divisionId'],
      [{ agencyReductionSek: null, agencyShareCeiling: null }, 'agencyReductionSek'],
      [{ extra: 1 }, 'extra'],
    ] as const) {
      const res = await t.http
        .put('/api/v1/cost-targets')
        .set(admin)
        .send({ ...body, ...patch })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const temp = await t.http
      .put('/api/v1/cost-targets')
      .set(admin)
      .send({ ...body, year: 2030 });
    await t.http.delete(`/api/v1/cost-targets/${temp.body.id}`).set(admin).expect(204);
    await t.http.delete(`/api/v1/cost-targets/${temp.body.id}`).set(admin).expect(404);
    await t.http.delete(`/api/v1/cost-targets/not-a-uuid`).set(admin).expect(400);
    const audit = await t.db.dataSource.query(
      `SELECT l.action FROM admin_audit_log l JOIN users u ON u.id = l.actor_id
        WHERE l.entity = 'cost_target' AND u.username = 'admin'`,
    );
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual([
      'change',
      'clear',
      'create',
      'create',
    ]);
    // Region target for 2025, by the follow-up role; a director reads only its own division's.
    await t.http
      .put('/api/v1/cost-targets')
      .set(await bearer(t, 'styrgrupp'))
      .send({ year: 2025, divisionId: null, agencyReductionSek: 30_000_000, agencyShareCeiling: null })
      .expect(200);
    await t.http
      .put('/api/v1/cost-targets')
      .set(await bearer(t, 'div.somatik'))
      .send(body)
      .expect(403);
    const seenByDirector = await t.http
      .get('/api/v1/cost-targets?year=2025')
      .set(await bearer(t, 'div.psykiatri'))
      .expect(200);
    expect(seenByDirector.body.targets).toEqual([]);
    const seenByAdmin = await t.http.get('/api/v1/cost-targets?year=2025').set(admin);
    expect(seenByAdmin.body.targets).toHaveLength(2);
    await t.http.get('/api/v1/cost-targets?year=abc').set(admin).expect(400);
  });
});

describe('GET /api/v1/stats/actuals', () => {
  /** The figures computed here from the rows this file booked, not by the API's code. */
  const booked = (codes: string[], month: string) => {
    const rows = ROWS.filter((r) => codes.includes(r[1]) && r[0] === month);
    if (rows.length === 0) return null;
    return {
      agency: rows.reduce((a, r) => a + Number(r[2]), 0),
      own: rows.reduce((a, r) => a + Number(r[3]), 0),
    };
  };
  const ALL = ['SOM', 'PSY-VUX', 'PSY-HAB'];

  it('gives each month against a year earlier and the totals, equal to a computation over the imported rows', async () => {
    const res = await t.http
      .get('/api/v1/stats/actuals?from=2025-01&to=2025-12')
      .set(await bearer(t, 'hsdir'))
      .expect(200);
    expect(res.body.months).toHaveLength(12);
    for (const m of res.body.months) {
      const now = booked(ALL, m.month)!;
      const then = booked(ALL, m.month.replace('2025', '2024'))!;
      expect(m).toMatchObject({
        agencySek: now.agency,
        ownStaffSek: now.own,
        yearEarlier: { agencySek: then.agency, ownStaffSek: then.own },
        agencyChangeSek: now.agency - then.agency,
      });
      expect(m.agencyShare).toBeCloseTo(now.agency / (now.agency + now.own), 12);
    }
    const agency = res.body.months.reduce((a: number, m: { agencySek: number }) => a + m.agencySek, 0);
    expect(res.body.totals.agencySek).toBe(agency);
    expect(res.body.nationalAim).toBe(0.02);
  });

  it('shows beside the actuals what the review approved and accrued in the same months', async () => {
    const demo = await demoFixture(t.db.dataSource);
    const history = historyWriter(t.db.dataSource);
    const akuten = { unitId: demo.unitIds.get('SOM-AKUT')!, divisionId: demo.unitIds.get('SOM')! };
    // A call-off decided in February 2025 for 10 weeks of March to May, and an exempted one over June–July.
    const approved = await history.submit({
      kind: 'agency_call_off',
      ...akuten,
      requesterId: demo.userId('chef.akuten'),
      category: 'nurse',
      costSek: 420_000,
      at: '2025-02-10T09:00:00+01:00',
      period: { from: '2025-03-10', to: '2025-05-18' },
    });
    const stage = await approved.open(
      'director_decision',
      1,
      '2025-02-10T09:00:00+01:00',
      '2025-02-14T16:00:00+01:00',
    );
    await approved.decide(stage, 'director_decision', 'approve', '2025-02-12T10:00:00+01:00', {
      actorId: demo.userId('div.somatik'),
      status: 'approved',
      final: true,
    });
    await history.submit({
      kind: 'agency_call_off',
      ...akuten,
      requesterId: demo.userId('chef.akuten'),
      category: 'physician',
      costSek: 99_001,
      at: '2025-05-20T09:00:00+02:00',
      status: 'exempted',
      period: { from: '2025-06-20', to: '2025-07-09' },
    });
    const want = new Map<string, number>();
    for (const [total, from, to] of [
      [420_000, '2025-03-10', '2025-05-18'],
      [99_001, '2025-06-20', '2025-07-09'],
    ] as const)
      for (const [month, sek] of accrualByMonth(total, from, to))
        want.set(month, (want.get(month) ?? 0) + sek);
    const res = await t.http
      .get(`/api/v1/stats/actuals?from=2025-01&to=2025-12&divisionId=${akuten.divisionId}`)
      .set(await bearer(t, 'hsdir'))
      .expect(200);
    for (const m of res.body.months)
      expect([m.month, m.review]).toEqual([
        m.month,
        {
          callOffAccruedSek: want.get(m.month) ?? 0,
          callOffApprovedSek: m.month === '2025-02' ? 420_000 : 0,
        },
      ]);
  });

  it('measures a division target on that division (own rows plus units) and the region target on the region', async () => {
    const res = await t.http
      .get('/api/v1/stats/actuals?from=2025-01&to=2025-12')
      .set(await bearer(t, 'styrgrupp'))
      .expect(200);
    const [year] = res.body.years;
    expect(year.year).toBe(2025);
    const region = year.targets.find(
      (x: { target: { divisionId: string | null } }) => x.target.divisionId === null,
    );
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    const sum = (codes: string[], ms: string[], y: string) =>
      ms.reduce((a, m) => a + (booked(codes, m.replace('2025', y))?.agency ?? 0), 0);
    expect(region.progress.comparedMonths).toEqual(months);
    expect(region.progress.achievedReductionSek).toBe(sum(ALL, months, '2024') - sum(ALL, months, '2025'));
    expect(region.progress.reductionProgress).toBeCloseTo(
      region.progress.achievedReductionSek / 30_000_000,
      12,
    );

    const psy = await t.http
      .get(`/api/v1/stats/actuals?from=2025-01&to=2025-12&divisionId=${(await unitIdsByCode(t)).get('PSY')}`)
      .set(await bearer(t, 'div.psykiatri'))
      .expect(200);
    const psyMonths = months.slice(0, 6);
    expect(psy.body.totals.monthsWithActuals).toEqual(psyMonths);
    expect(psy.body.totals.agencySek).toBe(sum(['PSY-VUX', 'PSY-HAB'], psyMonths, '2025'));
    expect(psy.body.years[0].targets).toEqual([]);
  });

  it('keeps a director to their own division and bounds every parameter', async () => {
    const units = await unitIdsByCode(t);
    const director = await bearer(t, 'div.somatik');
    await t.http
      .get(`/api/v1/stats/actuals?divisionId=${units.get('PSY')}`)
      .set(director)
      .expect(403);
    await t.http
      .get(`/api/v1/stats/actuals?unitId=${units.get('PSY-VUX')}`)
      .set(director)
      .expect(403);
    const own = await t.http.get('/api/v1/stats/actuals?from=2025-01&to=2025-03').set(director);
    expect(own.body.totals.agencySek).toBe(
      ['2025-01', '2025-02', '2025-03'].reduce((a, m) => a + booked(['SOM'], m)!.agency, 0),
    );
    for (const [query, field] of [
      ['from=2025-13', 'from'],
      ['to=2025-1', 'to'],
      ['from=1999-12', 'from'],
      ['from=2010-01&to=2025-01', 'to'],
      ['from=2025-05&to=2025-01', 'to'],
      ['divisionId=x', 'divisionId'],
      ['unitId=x', 'unitId'],
      ['other=1', 'other'],
    ]) {
      const res = await t.http
        .get(`/api/v1/stats/actuals?${query}`)
        .set(await bearer(t, 'hsdir'))
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await t.http
      .get('/api/v1/stats/actuals')
      .set(await bearer(t, 'chef.akuten'))
      .expect(403);
  });
});
