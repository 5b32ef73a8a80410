import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDevServer } from '@local/temporal/binaries';
import type { Summary, Timeseries, Breakdown, MeasureGroup } from '@contracts/stats';
import { BoardReportMailingsRepository } from '@db/repositories/board-report-mailings.repository';
import { ensureBoardReportSchedule } from '@temporal-lib/board-report-schedule';
import { startTestApp, type TestApp } from '../support/app';
import { demoFixture, type DemoFixture } from '../support/fixtures';
import { historyWriter } from '../support/history';
import { mimeParts } from '../support/mime';
import { pdfAmount, pdfFigure, pdfText, readWorkbook, rowLabelled } from '../support/report-files';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';
import { HISTORIES_DIR } from '../support/workflow-env';

jest.setTimeout(180_000);

/**
 * The board report against the statistics API over a known history: hires, a call-off whose period runs over
 * three months and was approved at a lower cost, an exempted call-off, a rejected one, and a call-off a year
 * earlier. Every figure is checked against the API's answer for the same range and scope and against the
 * expected value worked out here.
 */
let t: TestApp;
let demo: DemoFixture;
let smtp: TestSmtpServer;
const tokens = new Map<string, string>();
const auth = (username: string) => ({ Authorization: `Bearer ${tokens.get(username)}` });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const download = (path: string, username = 'hsdir') =>
  t.http.get(`/api/v1/stats/${path}`).set(auth(username)).buffer(true).parse(binary);
const stats = async <T>(path: string, username = 'hsdir'): Promise<T> =>
  (await t.http.get(`/api/v1/stats/${path}`).set(auth(username)).expect(200)).body as T;

/** A call-off's cost booked over its days, summed over [fromIndex, toIndex): the running floor telescopes. */
const accrued = (total: number, days: number, fromIndex: number, toIndex: number) =>
  Math.floor((total * toIndex) / days) - Math.floor((total * fromIndex) / days);

// A1: 240 000 kr approved (300 000 requested) over 20 March – 10 May 2026: 12 days in March, 30 in April, 10 in May.
const A1_APRIL = accrued(240_000, 52, 12, 42);
const A1_MARCH = accrued(240_000, 52, 0, 12);
const EXPECTED_APRIL = {
  submitted: 4, // H1, H2, A2 (exempted), A4
  exempted: 1,
  approved: 1,
  rejected: 2,
  hire: { requested: (40_000 + 50_000) * 12, approved: 40_000 * 12, avoided: 50_000 * 12 },
  agency: { requested: 62_000 + 80_000, exempted: 62_000, approved: 0, avoided: 80_000 },
  accrued: A1_APRIL + 62_000,
  accruedPreviousYear: 90_000,
};
const EXPECTED_T1 = {
  agency: {
    requested: 300_000 + 62_000 + 80_000,
    approved: 240_000,
    reduced: 60_000,
    avoided: 80_000 + 60_000,
  },
  accrued: A1_MARCH + A1_APRIL + 62_000,
};

const SOMATIK = 'Länssjukvårdsområde Somatik';
const PSYKIATRI = 'Länssjukvårdsområde Psykiatri inkl Habilitering';
let somatik: string;

/** With RECORD_HISTORIES=1, stores the run's history for tests/replay (as workflow-env.ts does for reviews). */
async function recordHistory(name: string, workflowId: string) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const cli = await resolveDevServer();
  if (cli.source === 'sdk-download') throw new Error('recording histories needs the Temporal CLI');
  const json = execFileSync(cli.path, [
    'workflow',
    'show',
    '--address',
    process.env.TEST_TEMPORAL_ADDRESS!,
    '-w',
    workflowId,
    '-o',
    'json',
  ]).toString('utf8');
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), json);
}
let psykiatri: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'provning@rvn.example' });
  demo = await demoFixture(t.db.dataSource);
  for (const user of ['hsdir', 'div.somatik', 'styrgrupp', 'chef.akuten'])
    tokens.set(user, await t.token(user));
  somatik = demo.unitIds.get('SOM')!;
  psykiatri = demo.unitIds.get('PSY')!;
  const akuten = { unitId: demo.unitIds.get('SOM-AKUT')!, divisionId: somatik };
  const psyk = { unitId: demo.unitIds.get('PSY-VUX')!, divisionId: psykiatri };
  const requesterId = demo.userId('chef.akuten');
  const history = historyWriter(t.db.dataSource);
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
      actorId: demo.userId('hsdir'),
      status: status[outcome] as 'approved',
      final: true,
      approvedCostSek,
    });
  };
  const h1 = await history.submit({
    kind: 'hire',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 40_000,
    at: '2026-04-02T09:00:00+02:00',
  });
  await decide(h1, '2026-04-09T10:00:00+02:00', 'approve');
  const h2 = await history.submit({
    kind: 'hire',
    ...psyk,
    requesterId: demo.userId('chef.psyk'),
    category: 'psychologist',
    costSek: 50_000,
    at: '2026-04-14T09:00:00+02:00',
  });
  await decide(h2, '2026-04-16T10:00:00+02:00', 'reject');
  const a1 = await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'physician',
    costSek: 300_000,
    at: '2026-03-10T09:00:00+01:00',
    period: { from: '2026-03-20', to: '2026-05-10' },
  });
  await decide(a1, '2026-03-16T10:00:00+01:00', 'approve_with_conditions', 240_000);
  await history.submit({
    kind: 'agency_call_off',
    ...psyk,
    requesterId: demo.userId('chef.psyk'),
    category: 'nurse',
    costSek: 62_000,
    at: '2026-04-05T09:00:00+02:00',
    status: 'exempted',
    period: { from: '2026-04-10', to: '2026-04-30' },
  });
  const a4 = await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 80_000,
    at: '2026-04-20T09:00:00+02:00',
    period: { from: '2026-05-01', to: '2026-05-31' },
  });
  await decide(a4, '2026-04-22T10:00:00+02:00', 'reject');
  // A3, a year earlier: what April 2026 is compared with.
  await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 90_000,
    at: '2025-03-25T09:00:00+01:00',
    status: 'exempted',
    period: { from: '2025-04-01', to: '2025-04-30' },
  });
});

afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

describe('the board report as XLSX', () => {
  it('holds the API’s figures for the month, each as worked out independently', async () => {
    const range = 'from=2026-04-01&to=2026-04-30';
    const summary = await stats<Summary>(`summary?${range}`);
    const series = await stats<Timeseries>(`timeseries?from=2025-04-01&to=2026-04-30`);
    const breakdown = await stats<Breakdown>(`breakdown?${range}&by=division`);
    const res = await download('report.xlsx?month=2026-04').expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="styrelserapport-2026-04.xlsx"');
    const sheets = await readWorkbook(res.body as Buffer);
    // The demo's illustrative ledger covers April 2026 and it has 2026 targets: their sheets follow the review's.
    expect([...sheets.keys()]).toEqual([
      'Sammanfattning',
      'Kostnader',
      'Per division',
      'Månad för månad',
      'Utfall och mål',
      'Mål',
    ]);

    const head = sheets.get('Sammanfattning')!;
    expect(head.rows[1].slice(0, 2)).toEqual(['Period', 'april 2026']);
    expect(head.rows[2].slice(0, 2)).toEqual(['Omfattning', 'Hela regionen']);
    expect(head.rows[1][2]).toEqual(new Date('2026-04-01T00:00:00Z'));
    expect(head.sheet.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    const value = (label: string) => rowLabelled(head.rows, label)[1];
    expect(value('Inskickade ärenden')).toBe(summary.submitted);
    expect(value('Inskickade ärenden')).toBe(EXPECTED_APRIL.submitted);
    expect(value('varav generellt undantagna')).toBe(EXPECTED_APRIL.exempted);
    expect(value('Beviljade')).toBe(EXPECTED_APRIL.approved);
    expect(value('Avslagna')).toBe(summary.decided.rejected);
    expect(value('Avslagna')).toBe(EXPECTED_APRIL.rejected);
    expect(value('Andel beviljade')).toBe(summary.approvalRate);
    expect(rowLabelled(head.rows, 'Andel beviljade')[2]).toMatch(/aldrig tillstyrkanden/);
    const rateRow = head.rows.findIndex((r) => r?.[0] === 'Andel beviljade') + 1;
    expect(head.sheet.getCell(`B${rateRow}`).numFmt).toBe('0.0%');
    expect(head.sheet.views[0]).toMatchObject({ state: 'frozen' });

    const costs = sheets.get('Kostnader')!;
    const kr = (label: string, after: string) => {
      const from = costs.rows.findIndex((r) => typeof r?.[0] === 'string' && r[0].startsWith(after));
      return costs.rows.slice(from).find((r) => r?.[0] === label)![1];
    };
    expect(kr('Begärd årskostnad', 'Anställningar')).toBe(summary.cost.hire.requested);
    expect(kr('Begärd årskostnad', 'Anställningar')).toBe(EXPECTED_APRIL.hire.requested);
    expect(kr('Beviljad årskostnad', 'Anställningar')).toBe(EXPECTED_APRIL.hire.approved);
    expect(kr('Undviken totalt', 'Anställningar')).toBe(summary.cost.hire.avoided.total);
    expect(kr('Undviken totalt', 'Anställningar')).toBe(EXPECTED_APRIL.hire.avoided);
    expect(kr('Begärd kostnad', 'Inhyrd')).toBe(EXPECTED_APRIL.agency.requested);
    expect(kr('varav generellt undantagna', 'Inhyrd')).toBe(EXPECTED_APRIL.agency.exempted);
    expect(kr('Undviken totalt', 'Inhyrd')).toBe(EXPECTED_APRIL.agency.avoided);
    expect(kr('Upplupen kostnad under perioden', 'Inhyrd')).toBe(summary.cost.agencyCallOff.accrued);
    expect(kr('Upplupen kostnad under perioden', 'Inhyrd')).toBe(EXPECTED_APRIL.accrued);
    expect(kr('Upplupen kostnad samma period föregående år', 'Inhyrd')).toBe(
      EXPECTED_APRIL.accruedPreviousYear,
    );
    const totalRow = costs.rows.findIndex((r) => r?.[0] === 'Undviken totalt') + 1;
    expect(costs.sheet.getCell(`B${totalRow}`).formula).toMatch(/^SUM\(B\d+:B\d+\)$/);
    expect(costs.sheet.getCell(`B${totalRow}`).numFmt).toBe('#,##0 "kr"');

    const divisions = sheets.get('Per division')!;
    const groups = breakdown.groups as MeasureGroup[];
    for (const g of groups) {
      const row = rowLabelled(divisions.rows, g.label);
      expect(row[1]).toBe(g.submitted);
      expect(row[16]).toBe(g.cost.agencyCallOff.accrued);
    }
    expect(rowLabelled(divisions.rows, PSYKIATRI)[16]).toBe(62_000);
    const sum = rowLabelled(divisions.rows, 'Summa');
    expect(sum[1]).toBe(summary.submitted);
    expect(sum[16]).toBe(EXPECTED_APRIL.accrued);
    const sumRow = divisions.rows.findIndex((r) => r?.[0] === 'Summa') + 1;
    expect(divisions.sheet.getCell(`Q${sumRow}`).formula).toMatch(/^SUM\(Q7:Q\d+\)$/);

    const months = sheets.get('Månad för månad')!;
    expect(series.points).toHaveLength(13);
    for (const p of series.points) {
      const label = new Intl.DateTimeFormat('sv-SE', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${p.period}T00:00:00Z`));
      const row = rowLabelled(months.rows, label);
      expect(row[9]).toBe(p.cost.agencyCallOff.accrued);
      expect(row[10]).toBe(p.agencyCostPreviousYear);
    }
    expect(rowLabelled(months.rows, 'april 2025')[9]).toBe(90_000);
    expect(rowLabelled(months.rows, 'mars 2026')[9]).toBe(A1_MARCH);
    expect(rowLabelled(months.rows, 'april 2026')[10]).toBe(90_000);
  });

  it('keeps a division’s name that looks like a formula as text', async () => {
    await t.db.dataSource.query(`UPDATE org_units SET name = '=HYPERLINK("http://x")' WHERE id = $1`, [
      psykiatri,
    ]);
    try {
      const res = await download('report.xlsx?month=2026-04').expect(200);
      const rows = (await readWorkbook(res.body as Buffer)).get('Per division')!.rows;
      expect(rows.some((r) => r?.[0] === `'=HYPERLINK("http://x")`)).toBe(true);
    } finally {
      await t.db.dataSource.query(`UPDATE org_units SET name = $2 WHERE id = $1`, [psykiatri, PSYKIATRI]);
    }
  });
});

describe('the board report as PDF', () => {
  it('reads back, through pdftotext, the API’s figures for a tertial', async () => {
    const summary = await stats<Summary>('summary?from=2026-01-01&to=2026-04-30');
    const res = await download('report.pdf?tertial=2026-T1').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="styrelserapport-2026-T1.pdf"');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('Tertial 1 2026');
    expect(text).toContain('Omfattning: Hela regionen');
    expect(text).toContain('Särskild prövning av anställningar och inhyrd personal');
    expect(text).toMatch(/Sida 1 av \d+/);
    expect(pdfFigure(text, 'Inskickade ärenden')).toBe(summary.submitted);
    expect(pdfFigure(text, 'Beviljade med villkor')).toBe(1);
    expect(pdfFigure(text, 'Andel beviljade')).toBeCloseTo(summary.approvalRate!, 3);
    expect(pdfAmount(text, 'Begärd årskostnad')).toBe(summary.cost.hire.requested);
    expect(pdfAmount(text, 'Begärd kostnad', 'Inhyrd personal, avrop')).toBe(EXPECTED_T1.agency.requested);
    expect(pdfAmount(text, 'Beviljad kostnad', 'Inhyrd personal, avrop')).toBe(EXPECTED_T1.agency.approved);
    expect(pdfAmount(text, 'Undviken: sänkt genom villkor', 'Inhyrd personal, avrop')).toBe(
      EXPECTED_T1.agency.reduced,
    );
    expect(pdfAmount(text, 'Undviken totalt', 'Inhyrd personal, avrop')).toBe(EXPECTED_T1.agency.avoided);
    expect(pdfAmount(text, 'Upplupen kostnad under perioden')).toBe(summary.cost.agencyCallOff.accrued);
    expect(pdfAmount(text, 'Upplupen kostnad under perioden')).toBe(EXPECTED_T1.accrued);
    expect(pdfAmount(text, 'Upplupen kostnad samma period')).toBe(90_000);
    // The charts' captions follow the period, and their axes carry units.
    expect(text).toContain('januari 2026 – april 2026');
    expect(text).toMatch(/\btkr\b/);
    expect(text).toMatch(/\barbetsdagar\b/);
  });

  it('says there is nothing instead of drawing bars at zero', async () => {
    const text = pdfText((await download('report.pdf?month=2019-06').expect(200)).body as Buffer);
    expect(text).toContain('Ingen upplupen kostnad för inhyrd personal juni 2018 – juni 2019');
    expect(text).toContain('Inga beslut juni 2018 – juni 2019.');
  });
});

describe('the board report’s scope and input', () => {
  it('gives a director their own division only, and refuses another', async () => {
    const res = await download('report.xlsx?month=2026-04', 'div.somatik').expect(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="styrelserapport-2026-04-division.xlsx"',
    );
    const sheets = await readWorkbook(res.body as Buffer);
    expect(sheets.get('Sammanfattning')!.rows[2][1]).toBe(SOMATIK);
    const labels = sheets
      .get('Per division')!
      .rows.slice(6)
      .map((r) => r?.[0]);
    expect(labels).toEqual([SOMATIK, 'Summa']);
    const summary = await stats<Summary>(`summary?from=2026-04-01&to=2026-04-30`, 'div.somatik');
    expect(rowLabelled(sheets.get('Sammanfattning')!.rows, 'Inskickade ärenden')[1]).toBe(summary.submitted);
    const refused = await download(`report.pdf?month=2026-04&divisionId=${psykiatri}`, 'div.somatik').expect(
      403,
    );
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await download(`report.pdf?month=2026-04&divisionId=${psykiatri}`, 'styrgrupp').expect(200);
    await download('report.pdf?month=2026-04', 'chef.akuten').expect(403);
  });

  it('refuses a bad period with a problem naming the field', async () => {
    const cases: [string, string][] = [
      ['report.xlsx', 'month'],
      ['report.pdf?month=2026-04&tertial=2026-T1', 'tertial'],
      ['report.pdf?month=2026-13', 'month'],
      ['report.xlsx?month=1899-12', 'month'],
      ['report.xlsx?tertial=2026-T4', 'tertial'],
      ['report.pdf?month=2026-04&divisionId=nope', 'divisionId'],
      ['report.pdf?month=2026-04&from=2026-01-01', 'from'],
    ];
    for (const [path, field] of cases) {
      const res = await t.http.get(`/api/v1/stats/${path}`).set(auth('hsdir')).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
  });
});

describe('the monthly board report by mail', () => {
  it('mails the previous month’s report on the first business day to the follow-up role, once', async () => {
    const [{ id: userId }] = await t.db.dataSource.query(
      `INSERT INTO users (username, display_name, email) VALUES ('uppf.somatik', 'Uppföljare Somatik', 'uppf.somatik@rvn.example') RETURNING id`,
    );
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'follow_up', $2)`,
      [userId, somatik],
    );
    smtp.clear();
    let lastId = '';
    const run = (day: string) =>
      t.client.workflow.execute('boardReportWorkflow', {
        taskQueue: t.config.temporal.taskQueue,
        workflowId: (lastId = `board-report-test-${randomUUID()}`),
        args: [{ day }],
      });
    // 1 May 2026 is a holiday (a Friday): nothing is due until Monday 4 May.
    expect(await run('2026-05-01')).toMatchObject({ month: null, sent: 0 });
    expect(await run('2026-05-04')).toMatchObject({ month: '2026-04', groups: 2, sent: 2 });
    await recordHistory('board-report-mailed', lastId);
    const mails = await smtp.waitFor((m) => m.length >= 2);
    const region = mails.find((m) => m.to.includes('anders.nyberg@rvn.example'))!;
    const division = mails.find((m) => m.to.includes('uppf.somatik@rvn.example'))!;
    expect(region.subject).toBe('Styrelserapport april 2026 – Hela regionen');
    expect(division.subject).toBe(`Styrelserapport april 2026 – ${SOMATIK}`);
    const regionSummary = await stats<Summary>('summary?from=2026-04-01&to=2026-04-30');
    const somatikSummary = await stats<Summary>(
      `summary?from=2026-04-01&to=2026-04-30&divisionId=${somatik}`,
    );
    for (const [mail, summary, suffix] of [
      [region, regionSummary, ''],
      [division, somatikSummary, '-division'],
    ] as const) {
      const parts = mimeParts(mail.raw);
      const xlsx = parts.find((p) => p.filename === `styrelserapport-2026-04${suffix}.xlsx`)!;
      const pdf = parts.find((p) => p.filename === `styrelserapport-2026-04${suffix}.pdf`)!;
      expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
      expect(pdf.headers.get('content-type')).toMatch(/application\/pdf/);
      const rows = (await readWorkbook(xlsx.body)).get('Kostnader')!.rows;
      expect(rowLabelled(rows, 'Upplupen kostnad under perioden')[1]).toBe(
        summary.cost.agencyCallOff.accrued,
      );
      const text = pdfText(pdf.body);
      expect(pdfFigure(text, 'Inskickade ärenden')).toBe(summary.submitted);
      expect(text).toContain('April 2026');
    }
    expect(somatikSummary.cost.agencyCallOff.accrued).toBe(A1_APRIL);

    // A second run (a retry, or the schedule started twice) mails nobody again.
    expect(await run('2026-05-04')).toMatchObject({ month: '2026-04', sent: 0, alreadySent: 2 });
    expect(smtp.received).toHaveLength(2);
    expect(await new BoardReportMailingsRepository(t.db.dataSource).sent('2026-04')).toHaveLength(2);
  });

  it('creates the daily schedule once and updates it on a second start', async () => {
    const id = `board-report-test-${randomUUID()}`;
    try {
      expect(await ensureBoardReportSchedule(t.client, t.config.temporal.taskQueue, id)).toBe('created');
      expect(await ensureBoardReportSchedule(t.client, 'another-queue', id)).toBe('updated');
      const described = await t.client.schedule.getHandle(id).describe();
      expect(described.spec.timezone).toBe('Europe/Stockholm');
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7, end: 7, step: 1 }] });
      expect(described.action).toMatchObject({
        workflowType: 'boardReportWorkflow',
        taskQueue: 'another-queue',
      });
    } finally {
      await t.client.schedule
        .getHandle(id)
        .delete()
        .catch(() => undefined);
    }
  });
});
