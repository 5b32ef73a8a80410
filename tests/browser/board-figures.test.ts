import type { ActualsStats } from '@contracts/cost';
import type { Summary } from '@contracts/stats';
import { ACTUAL_COLUMNS } from '@domain/cost-actuals';
import { historyWriter } from '../support/history';
import { pdfText, readWorkbook, rowLabelled, swedishKronor } from '../support/report-files';
import { auditPage } from './support/axe';
import { signedInPage } from './support/sign-in';
import { webSuite } from './support/web-suite';

jest.setTimeout(240_000);

/**
 * Issue 20's done-when: one month (April 2026) of a division made for this test, with hires, call-offs over month
 * boundaries, an exempted and a rejected call-off, and thirteen months of imported actuals, gives the same figures
 * in the API, on the statistics page, in the XLSX and in the PDF, each equal to what is worked out here from the
 * history itself (a call-off's days counted one by one, not through the product's cost code).
 */
const suite = webSuite();
const MONTH = '2026-04';
const DIVISION = 'Testdivisionen för styrelsesiffror';

/** A call-off's kronor falling on the days of `month`, counted day by day: day i of n gets its running floor. */
function accruedIn(month: string, total: number, from: string, to: string): number {
  const day = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const n = (Date.parse(`${to}T00:00:00Z`) - start) / day + 1;
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    const date = new Date(start + i * day).toISOString();
    if (date.startsWith(month)) sum += Math.floor((total * (i + 1)) / n) - Math.floor((total * i) / n);
  }
  return sum;
}

// The history: H1, H2 hires (monthly cost); A1 approved at a lower cost in March for 28 March – 6 May; A2 exempted
// for 25 April – 4 May; A3 rejected in April.
const A1 = { requested: 200_000, approved: 160_000, from: '2026-03-28', to: '2026-05-06' };
const A2 = { cost: 55_000, from: '2026-04-25', to: '2026-05-04' };
const EXPECTED = {
  hire: { requested: (45_000 + 38_000) * 12, approved: (45_000 + 35_000) * 12, avoided: 3_000 * 12 },
  callOff: {
    requested: 55_000 + 70_000,
    exempted: 55_000,
    approved: 0,
    avoided: 70_000,
    accrued: accruedIn(MONTH, A1.approved, A1.from, A1.to) + accruedIn(MONTH, A2.cost, A2.from, A2.to),
  },
  // The ledger's April 2026 and April 2025 for the division, as imported below.
  agency: 1_234_000,
  agencyYearEarlier: 1_500_000,
  ownStaff: 30_000_000,
};

let divisionId: string;
let token: string;

beforeAll(async () => {
  const ds = suite.app.db.dataSource;
  const [division] = await ds.query(
    `INSERT INTO org_units (level, code, name) VALUES ('division', 'TDIV', $1) RETURNING id`,
    [DIVISION],
  );
  divisionId = division.id;
  const [unit] = await ds.query(
    `INSERT INTO org_units (parent_id, level, code, name) VALUES ($1, 'unit', 'TDIV-A', 'Testenheten') RETURNING id`,
    [divisionId],
  );
  const [{ id: requesterId }] = await ds.query(`SELECT id FROM users WHERE username = 'chef.akuten'`);
  const [{ id: actorId }] = await ds.query(`SELECT id FROM users WHERE username = 'hsdir'`);
  const where = { unitId: unit.id, divisionId, requesterId };
  const history = historyWriter(ds);
  const decide = async (
    r: Awaited<ReturnType<typeof history.submit>>,
    at: string,
    outcome: 'approve' | 'approve_with_conditions' | 'reject',
    approvedCostSek?: number,
  ) => {
    const s = await r.open('director_decision', 1, at, at);
    const status = {
      approve: 'approved',
      approve_with_conditions: 'approved_with_conditions',
      reject: 'rejected',
    };
    await r.decide(s, 'director_decision', outcome, at, {
      actorId,
      status: status[outcome] as 'approved',
      final: true,
      approvedCostSek,
    });
  };
  const h1 = await history.submit({
    kind: 'hire',
    ...where,
    category: 'nurse',
    costSek: 45_000,
    at: '2026-04-03T09:00:00+02:00',
  });
  await decide(h1, '2026-04-08T10:00:00+02:00', 'approve');
  const h2 = await history.submit({
    kind: 'hire',
    ...where,
    category: 'physician',
    costSek: 38_000,
    at: '2026-04-10T09:00:00+02:00',
  });
  await decide(h2, '2026-04-15T10:00:00+02:00', 'approve_with_conditions', 35_000);
  const a1 = await history.submit({
    kind: 'agency_call_off',
    ...where,
    category: 'nurse',
    costSek: A1.requested,
    at: '2026-03-20T09:00:00+01:00',
    period: { from: A1.from, to: A1.to },
  });
  await decide(a1, '2026-03-25T10:00:00+01:00', 'approve_with_conditions', A1.approved);
  await history.submit({
    kind: 'agency_call_off',
    ...where,
    category: 'nurse',
    costSek: A2.cost,
    at: '2026-04-20T09:00:00+02:00',
    status: 'exempted',
    period: { from: A2.from, to: A2.to },
  });
  const a3 = await history.submit({
    kind: 'agency_call_off',
    ...where,
    category: 'physician',
    costSek: 70_000,
    at: '2026-04-21T09:00:00+02:00',
    period: { from: '2026-05-01', to: '2026-05-31' },
  });
  await decide(a3, '2026-04-22T10:00:00+02:00', 'reject');

  // Thirteen months of the ledger for the division, April 2025 to April 2026, through the import.
  const rows: string[][] = [];
  for (let m = 0; m < 13; m += 1) {
    const month = new Date(Date.UTC(2025, 3 + m, 1)).toISOString().slice(0, 7);
    const agency =
      month === MONTH ? EXPECTED.agency : month === '2025-04' ? EXPECTED.agencyYearEarlier : 1_400_000;
    rows.push([month, 'TDIV', String(agency), String(month === MONTH ? EXPECTED.ownStaff : 29_000_000)]);
  }
  const csv = [ACTUAL_COLUMNS.join(';'), ...rows.map((r) => r.join(';'))].join('\r\n');
  const admin = `Bearer ${await suite.app.token('admin')}`;
  await suite.app.http
    .post('/api/v1/actuals-import?apply=true')
    .set({ Authorization: admin })
    .attach('file', Buffer.from(csv, 'utf8'), { filename: 'utfall.csv', contentType: 'text/csv' })
    .expect(200);
  token = `Bearer ${await suite.app.token('hsdir')}`;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const download = async (path: string) =>
  (
    await suite.app.http
      .get(`/api/v1/stats/${path}`)
      .set({ Authorization: token })
      .buffer(true)
      .parse(binary)
      .expect(200)
  ).body as Buffer;

describe('one month’s money figures, everywhere the board reads them', () => {
  it('are the same in the API, on the statistics page, in the XLSX and in the PDF', async () => {
    // The API
    const summary = (
      await suite.app.http
        .get(`/api/v1/stats/summary?from=${MONTH}-01&to=${MONTH}-30&divisionId=${divisionId}`)
        .set({ Authorization: token })
        .expect(200)
    ).body as Summary;
    expect(summary.cost.hire).toMatchObject({
      requested: EXPECTED.hire.requested,
      approved: EXPECTED.hire.approved,
      avoided: { total: EXPECTED.hire.avoided },
    });
    expect(summary.cost.agencyCallOff).toMatchObject({
      requested: EXPECTED.callOff.requested,
      exempted: EXPECTED.callOff.exempted,
      approved: EXPECTED.callOff.approved,
      avoided: { total: EXPECTED.callOff.avoided },
      accrued: EXPECTED.callOff.accrued,
    });
    const actuals = (
      await suite.app.http
        .get(`/api/v1/stats/actuals?from=${MONTH}&to=${MONTH}&divisionId=${divisionId}`)
        .set({ Authorization: token })
        .expect(200)
    ).body as ActualsStats;
    expect(actuals.months[0]).toMatchObject({
      month: MONTH,
      agencySek: EXPECTED.agency,
      ownStaffSek: EXPECTED.ownStaff,
      yearEarlier: { agencySek: EXPECTED.agencyYearEarlier },
      review: { callOffAccruedSek: EXPECTED.callOff.accrued },
    });

    // The statistics page, with the filters in its URL
    const page = await signedInPage(suite.browser, suite.app.baseUrl, 'hsdir');
    await page.goto(`${suite.app.baseUrl}/stats?from=${MONTH}-01&to=${MONTH}-30&divisionId=${divisionId}`);
    const table = page.getByRole('table', { name: 'Kostnader under perioden per slag av ärende' });
    await table.waitFor();
    const cells = async (row: string) =>
      (
        await table
          .getByRole('row', { name: new RegExp(`^${row}`) })
          .getByRole('cell')
          .allInnerTexts()
      ).slice(0, 2);
    const kronor = (texts: string[]) => texts.map((t) => swedishKronor(t));
    expect(kronor(await cells('Begärd kostnad'))).toEqual([
      EXPECTED.hire.requested,
      EXPECTED.callOff.requested,
    ]);
    expect(kronor(await cells('Beviljad kostnad'))).toEqual([
      EXPECTED.hire.approved,
      EXPECTED.callOff.approved,
    ]);
    expect(kronor(await cells('Undviken kostnad totalt'))).toEqual([
      EXPECTED.hire.avoided,
      EXPECTED.callOff.avoided,
    ]);
    expect(swedishKronor((await cells('Upplupen kostnad under perioden'))[1])).toBe(EXPECTED.callOff.accrued);
    // The actuals beside the review's accrual, in thousands as the section shows them
    const april = page.getByRole('row', { name: /^apr\.? 2026/i });
    const aprilCells = await april.getByRole('cell').allInnerTexts();
    const tkr = (n: number) => `${new Intl.NumberFormat('sv-SE').format(n / 1000)} tkr`.replace(/\s/g, ' ');
    const normal = (xs: string[]) => xs.map((x) => x.replace(/\s/g, ' '));
    expect(normal(aprilCells)).toEqual(
      expect.arrayContaining([
        tkr(EXPECTED.agency),
        tkr(EXPECTED.agencyYearEarlier),
        tkr(EXPECTED.callOff.accrued),
      ]),
    );
    expect(await auditPage(page, 'board-figures-statistics')).toEqual([]);

    // The XLSX
    const sheets = await readWorkbook(await download(`report.xlsx?month=${MONTH}&divisionId=${divisionId}`));
    const costs = sheets.get('Kostnader')!.rows;
    const kr = (label: string, after: string) => {
      const from = costs.findIndex((r) => typeof r?.[0] === 'string' && r[0].startsWith(after));
      return costs.slice(from).find((r) => r?.[0] === label)![1];
    };
    expect(kr('Begärd årskostnad', 'Anställningar')).toBe(EXPECTED.hire.requested);
    expect(kr('Beviljad årskostnad', 'Anställningar')).toBe(EXPECTED.hire.approved);
    expect(kr('Undviken totalt', 'Anställningar')).toBe(EXPECTED.hire.avoided);
    expect(kr('Begärd kostnad', 'Inhyrd')).toBe(EXPECTED.callOff.requested);
    expect(kr('varav generellt undantagna', 'Inhyrd')).toBe(EXPECTED.callOff.exempted);
    expect(kr('Undviken totalt', 'Inhyrd')).toBe(EXPECTED.callOff.avoided);
    expect(kr('Upplupen kostnad under perioden', 'Inhyrd')).toBe(EXPECTED.callOff.accrued);
    const ledger = rowLabelled(sheets.get('Utfall och mål')!.rows, 'april 2026');
    expect(ledger.slice(1, 4)).toEqual([DIVISION, EXPECTED.agency, EXPECTED.agencyYearEarlier]);
    expect(ledger[7]).toBe(EXPECTED.callOff.accrued);

    // The PDF, read by pdftotext
    const text = pdfText(await download(`report.pdf?month=${MONTH}&divisionId=${divisionId}`));
    const amounts = (line: string) =>
      [...line.matchAll(/-?\d{1,3}(?:[ \u00a0]\d{3})* kr/g)].map((m) => swedishKronor(m[0]));
    const lineOf = (label: string, after: string) => {
      const lines = text.split('\n');
      const from = lines.findIndex((l) => l.includes(after));
      return lines.slice(from).find((l) => l.trim().startsWith(label))!;
    };
    expect(amounts(lineOf('Begärd årskostnad', 'Anställningar'))).toEqual([EXPECTED.hire.requested]);
    expect(amounts(lineOf('Beviljad årskostnad', 'Anställningar'))).toEqual([EXPECTED.hire.approved]);
    expect(amounts(lineOf('Begärd kostnad', 'Inhyrd personal, avrop'))).toEqual([EXPECTED.callOff.requested]);
    expect(amounts(lineOf('Undviken totalt', 'Inhyrd personal, avrop'))).toEqual([EXPECTED.callOff.avoided]);
    expect(amounts(lineOf('Upplupen kostnad under perioden', 'Inhyrd personal, avrop'))).toEqual([
      EXPECTED.callOff.accrued,
    ]);
    const ledgerLine = text.split('\n').find((l) => /apr\S* 26/.test(l) && l.includes('Testdivisionen'))!;
    expect(amounts(ledgerLine)).toEqual([
      EXPECTED.agency,
      EXPECTED.agencyYearEarlier,
      EXPECTED.ownStaff,
      EXPECTED.callOff.accrued,
    ]);
  });
});
