import { startTestApp, type TestApp } from '../support/app';
import { demoFixture, type DemoFixture } from '../support/fixtures';
import { historyWriter } from '../support/history';

// Starting the app (database, migrations, worker bundle) takes seconds, more on a loaded machine.
jest.setTimeout(120_000);

/**
 * A small known history, every figure asserted exactly. Times are Stockholm (+01:00 until 29 March 2026,
 * +02:00 after). Easter 2026: Good Friday 3 April, Easter Monday 6 April, both holidays.
 */
let t: TestApp;
let demo: DemoFixture;
const tokens = new Map<string, string>();
const get = (path: string, username = 'hsdir') =>
  t.http.get(`/api/v1/stats/${path}`).set({ Authorization: `Bearer ${tokens.get(username)}` });

beforeAll(async () => {
  t = await startTestApp();
  demo = await demoFixture(t.db.dataSource);
  for (const user of ['hsdir', 'div.somatik', 'hr.somatik', 'hrchef', 'chef.akuten', 'admin'])
    tokens.set(user, await t.token(user));
  const history = historyWriter(t.db.dataSource);
  const akuten = { unitId: demo.unitIds.get('SOM-AKUT')!, divisionId: demo.unitIds.get('SOM')! };
  const psyk = { unitId: demo.unitIds.get('PSY-VUX')!, divisionId: demo.unitIds.get('PSY')! };
  const requesterId = demo.userId('chef.akuten');
  const hr = { actorId: demo.userId('hr.somatik') };
  const dir = { actorId: demo.userId('div.somatik') };

  // R1: a hire whose HR deadline runs over Easter (3 business days after 1 April is 8 April) and is met.
  const r1 = await history.submit({
    kind: 'hire',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 48_500,
    at: '2026-04-01T10:00:00+02:00',
  });
  let s = await r1.open('hr_review', 1, '2026-04-01T10:00:00+02:00', '2026-04-08T16:00:00+02:00');
  await r1.decide(s, 'hr_review', 'approve', '2026-04-08T15:00:00+02:00', {
    ...hr,
    status: 'in_review',
    final: false,
  });
  s = await r1.open('director_decision', 1, '2026-04-08T15:00:00+02:00', '2026-04-10T16:00:00+02:00');
  await r1.decide(s, 'director_decision', 'approve', '2026-04-09T11:00:00+02:00', {
    ...dir,
    status: 'approved',
    final: true,
  });

  // R2: an agency call-off returned, resubmitted, approved by HR, escalated at the director, approved at a lower cost.
  const r2 = await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'physician',
    costSek: 640_000,
    at: '2026-03-02T09:00:00+01:00',
    // 61 days: 16 in March, 30 in April, 15 in May
    period: { from: '2026-03-16', to: '2026-05-15' },
  });
  s = await r2.open('hr_review', 1, '2026-03-02T09:00:00+01:00', '2026-03-05T16:00:00+01:00');
  await r2.decide(s, 'hr_review', 'return', '2026-03-03T10:00:00+01:00', {
    ...hr,
    status: 'returned',
    final: false,
  });
  await r2.resubmit('2026-03-05T09:00:00+01:00');
  s = await r2.open('hr_review', 2, '2026-03-05T09:00:00+01:00', '2026-03-10T16:00:00+01:00');
  await r2.decide(s, 'hr_review', 'approve', '2026-03-06T14:00:00+01:00', {
    ...hr,
    status: 'in_review',
    final: false,
  });
  s = await r2.open('director_decision', 1, '2026-03-06T14:00:00+01:00', '2026-03-10T16:00:00+01:00');
  await r2.escalate(s, 'director_decision', 1, '2026-03-10T16:00:00+01:00', '2026-03-12T16:00:00+01:00');
  await r2.decide(s, 'director_decision', 'approve_with_conditions', '2026-03-11T09:00:00+01:00', {
    actorId: demo.userId('hsdir'),
    status: 'approved_with_conditions',
    final: true,
    approvedCostSek: 500_000,
  });

  // R3: a psychologist hire in Psykiatri, rejected by its director.
  const r3 = await history.submit({
    kind: 'hire',
    ...psyk,
    requesterId: demo.userId('chef.psyk'),
    category: 'psychologist',
    costSek: 52_000,
    at: '2026-04-14T08:00:00+02:00',
  });
  s = await r3.open('hr_review', 1, '2026-04-14T08:00:00+02:00', '2026-04-17T16:00:00+02:00');
  await r3.decide(s, 'hr_review', 'approve', '2026-04-14T13:00:00+02:00', {
    actorId: demo.userId('hr.psykiatri'),
    status: 'in_review',
    final: false,
  });
  s = await r3.open('director_decision', 1, '2026-04-14T13:00:00+02:00', '2026-04-16T16:00:00+02:00');
  await r3.decide(s, 'director_decision', 'reject', '2026-04-16T10:00:00+02:00', {
    actorId: demo.userId('div.psykiatri'),
    status: 'rejected',
    final: true,
  });

  // R4: an urgent call-off decided within hours.
  const r4 = await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 90_000,
    at: '2026-04-20T08:00:00+02:00',
    // 14 days: 4 in April, 10 in May
    period: { from: '2026-04-27', to: '2026-05-10' },
  });
  s = await r4.open('hr_review', 1, '2026-04-20T08:00:00+02:00', '2026-04-20T12:00:00+02:00');
  await r4.decide(s, 'hr_review', 'approve', '2026-04-20T09:00:00+02:00', {
    ...hr,
    status: 'in_review',
    final: false,
  });
  s = await r4.open('director_decision', 1, '2026-04-20T09:00:00+02:00', '2026-04-20T13:00:00+02:00');
  await r4.decide(s, 'director_decision', 'approve', '2026-04-20T11:30:00+02:00', {
    ...dir,
    status: 'approved',
    final: true,
  });

  // R5: withdrawn while HR had it; R6 exempted; R7 outside any review period; R8 still open.
  const r5 = await history.submit({
    kind: 'hire',
    ...akuten,
    requesterId,
    category: 'assistant_nurse',
    costSek: 35_000,
    at: '2026-04-21T09:00:00+02:00',
  });
  s = await r5.open('hr_review', 1, '2026-04-21T09:00:00+02:00', '2026-04-24T16:00:00+02:00');
  await r5.withdraw('2026-04-22T10:00:00+02:00', s);
  await history.submit({
    kind: 'hire',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 47_000,
    at: '2026-04-02T09:00:00+02:00',
    status: 'exempted',
  });
  await history.submit({
    kind: 'hire',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 46_000,
    at: '2026-03-15T12:00:00+01:00',
    status: 'not_required',
  });
  const r8 = await history.submit({
    kind: 'hire',
    ...akuten,
    requesterId,
    category: 'nurse',
    costSek: 50_000,
    at: '2026-04-28T10:00:00+02:00',
  });
  await r8.open('hr_review', 1, '2026-04-28T10:00:00+02:00', '2026-05-04T16:00:00+02:00');

  // R9: a year earlier, an agency call-off approved in April 2025.
  const r9 = await history.submit({
    kind: 'agency_call_off',
    ...akuten,
    requesterId,
    category: 'physician',
    costSek: 300_000,
    at: '2025-04-07T09:00:00+02:00',
    period: { from: '2025-04-14', to: '2025-04-30' },
  });
  s = await r9.open('hr_review', 1, '2025-04-07T09:00:00+02:00', '2025-04-10T16:00:00+02:00');
  await r9.decide(s, 'hr_review', 'approve', '2025-04-08T09:00:00+02:00', {
    ...hr,
    status: 'in_review',
    final: false,
  });
  s = await r9.open('director_decision', 1, '2025-04-08T09:00:00+02:00', '2025-04-10T16:00:00+02:00');
  await r9.decide(s, 'director_decision', 'approve', '2025-04-09T09:00:00+02:00', {
    ...dir,
    status: 'approved',
    final: true,
  });
});
afterAll(() => t?.stop());

const MARCH_APRIL = 'from=2026-03-01&to=2026-04-30';
/** R2's 500 000 kr over 61 days, 46 of them in March–April, and R4's 90 000 over 14 days, 4 in April. */
const ACCRUED_MARCH_APRIL = Math.floor((500_000 * 46) / 61) + Math.floor((90_000 * 4) / 14);

describe('statistics on a known history', () => {
  it('summarises March and April 2026 exactly', async () => {
    const res = await get(`summary?${MARCH_APRIL}`).expect(200);
    expect(res.body).toMatchObject({
      from: '2026-03-01',
      to: '2026-04-30',
      // R6, exempted, counts with its cost (47 000 kr) and is told apart (varav undantagna)
      submitted: 7,
      notReviewed: { exempted: 1, notRequired: 1 },
      decided: { approved: 2, approvedWithConditions: 1, rejected: 1, withdrawn: 1 },
      approvalRate: 0.75,
      // lead times [0, 2, 4, 7] business days (R1 counts 2, 7, 8 and 9 April: Easter is not counted)
      leadTimeBusinessDays: { p50: 3, p90: 6.1 },
      // hours [3, 48 (50 h), 192 (193 h), 216]
      leadTimeHours: { p50: 120, p90: 208.8 },
      withinDeadlineShare: 0.8889,
      escalations: 1,
      // Hires' monthly costs (R1 48 500, R3 52 000, R5 35 000, R6 47 000 exempted, R8 50 000) × 12 as annual cost;
      // call-offs' totals (R2 640 000 approved at 500 000, R4 90 000) apart: never one sum.
      cost: {
        hire: {
          unit: 'sek_per_year',
          requested: 232_500 * 12,
          exempted: 47_000 * 12,
          approved: 48_500 * 12,
          avoided: { rejected: 52_000 * 12, reduced: 0, total: 52_000 * 12 },
        },
        agencyCallOff: {
          unit: 'sek',
          requested: 730_000,
          exempted: 0,
          approved: 590_000,
          avoided: { rejected: 0, reduced: 140_000, total: 140_000 },
          // R2's 500 000 over 61 days, 46 of them in March–April; R4's 90 000 over 14 days, 4 in April
          accrued: Math.floor((500_000 * 46) / 61) + Math.floor((90_000 * 4) / 14),
        },
      },
      open: {
        total: 1,
        byAge: [
          { band: '0-5', count: 0 },
          { band: '6-10', count: 0 },
          { band: '11-20', count: 0 },
          { band: '21+', count: 1 },
        ],
      },
    });
    expect(res.body.stages.hr_review).toEqual({
      decided: 5,
      withinDeadline: 5,
      withinDeadlineShare: 1,
      escalations: 0,
      recommendedApproval: 0,
      recommendedRejection: 0,
    });
    expect(res.body.stages.director_decision).toEqual({
      decided: 4,
      withinDeadline: 3,
      withinDeadlineShare: 0.75,
      escalations: 1,
      recommendedApproval: 0,
      recommendedRejection: 0,
    });
    // Version 1 decides at every stage: nothing recommended, nothing decided against a recommendation.
    expect(res.body).toMatchObject({
      recommendations: { approve: 0, reject: 0 },
      againstRecommendation: { approved: 0, rejected: 0 },
    });
  });

  it('reads the days at the edges of a range from the raw record', async () => {
    const res = await get('summary?from=2026-04-01&to=2026-04-16').expect(200);
    expect(res.body).toMatchObject({
      submitted: 3,
      notReviewed: { exempted: 1, notRequired: 0 },
      decided: { approved: 1, approvedWithConditions: 0, rejected: 1, withdrawn: 0 },
      approvalRate: 0.5,
      leadTimeBusinessDays: { p50: 3, p90: 3.8 },
      cost: {
        hire: {
          requested: 147_500 * 12,
          exempted: 47_000 * 12,
          approved: 48_500 * 12,
          avoided: { rejected: 52_000 * 12 },
        },
        // R2's days 17 to 32 of 61 (1–16 April), each day's share floored on the running total
        agencyCallOff: {
          requested: 0,
          accrued: Math.floor((500_000 * 32) / 61) - Math.floor((500_000 * 16) / 61),
        },
      },
    });
  });

  it('filters by kind, unit and category', async () => {
    const callOffs = await get(`summary?${MARCH_APRIL}&kind=agency_call_off`).expect(200);
    expect(callOffs.body).toMatchObject({
      submitted: 2,
      decided: { approved: 1, approvedWithConditions: 1 },
    });
    const psyk = await get(`summary?${MARCH_APRIL}&unitId=${demo.unitIds.get('PSY-VUX')}`).expect(200);
    expect(psyk.body).toMatchObject({
      submitted: 1,
      decided: { rejected: 1 },
      cost: { hire: { avoided: { rejected: 52_000 * 12 } } },
    });
    const nurses = await get(`summary?${MARCH_APRIL}&category=nurse`).expect(200);
    expect(nurses.body).toMatchObject({ submitted: 4, notReviewed: { exempted: 1, notRequired: 1 } });
  });

  it('gives a monthly series with agency cost against the same month a year earlier', async () => {
    const res = await get(`timeseries?${MARCH_APRIL}&interval=month`).expect(200);
    expect(res.body.points.map((p: { period: string }) => p.period)).toEqual(['2026-03-01', '2026-04-01']);
    const [march, april] = res.body.points;
    expect(march).toMatchObject({
      submitted: 1,
      decided: { approvedWithConditions: 1 },
      // Booked over the days the staff work, not in the month of the decision (R2 decided in March for 500 000)
      cost: { agencyCallOff: { approved: 500_000, accrued: Math.floor((500_000 * 16) / 61) } },
      agencyCostPreviousYear: 0,
    });
    expect(april).toMatchObject({
      submitted: 6,
      decided: { approved: 2, rejected: 1, withdrawn: 1 },
      cost: {
        agencyCallOff: {
          approved: 90_000,
          accrued:
            Math.floor((500_000 * 46) / 61) - Math.floor((500_000 * 16) / 61) + Math.floor((90_000 * 4) / 14),
        },
      },
      // R9: 300 000 kr, all in April 2025
      agencyCostPreviousYear: 300_000,
    });
  });

  it('gives a weekly series starting on Mondays', async () => {
    const res = await get('timeseries?from=2026-04-13&to=2026-04-26&interval=week').expect(200);
    expect(res.body.points).toHaveLength(2);
    expect(res.body.points[0]).toMatchObject({
      period: '2026-04-13',
      submitted: 1,
      decided: { rejected: 1 },
    });
    expect(res.body.points[1]).toMatchObject({
      period: '2026-04-20',
      submitted: 2,
      decided: { approved: 1, withdrawn: 1 },
    });
  });

  it('breaks the figures down by division, with the budget frame beside them', async () => {
    const res = await get(`breakdown?${MARCH_APRIL}&by=division`).expect(200);
    expect(res.body.groups).toHaveLength(7);
    const somatik = res.body.groups.find((g: { key: string }) => g.key === demo.unitIds.get('SOM'));
    expect(somatik).toMatchObject({
      label: 'Länssjukvårdsområde Somatik',
      submitted: 6,
      cost: {
        hire: { approved: 48_500 * 12, avoided: { rejected: 0 } },
        agencyCallOff: { approved: 590_000, accrued: ACCRUED_MARCH_APRIL },
      },
      budget: { frameSek: 3_392_000_000, staffCostSek: 2_120_000_000, nationalAim: 0.02 },
    });
    // The accrued agency cost against 61 days' share of 2 120 MSEK a year
    expect(somatik.budget.agencyShareOfStaffCost).toBeCloseTo(
      ACCRUED_MARCH_APRIL / ((2_120_000_000 * 61) / 365),
      4,
    );
    const folktandvarden = res.body.groups.find((g: { label: string }) => g.label === 'Folktandvården');
    expect(folktandvarden).toMatchObject({
      submitted: 0,
      approvalRate: null,
      leadTimeBusinessDays: { p50: null },
    });
  });

  it('breaks the deadline share and escalations down by stage', async () => {
    const res = await get(`breakdown?${MARCH_APRIL}&by=stage`).expect(200);
    const byStage = Object.fromEntries(res.body.groups.map((g: { key: string }) => [g.key, g]));
    expect(byStage.hr_review).toMatchObject({ decided: 5, withinDeadline: 5, escalations: 0 });
    expect(byStage.director_decision).toMatchObject({
      decided: 4,
      withinDeadline: 3,
      withinDeadlineShare: 0.75,
      escalations: 1,
    });
    expect(byStage.executive_decision).toMatchObject({ decided: 0, withinDeadlineShare: null });
  });

  it('breaks down by category and kind', async () => {
    const byCategory = await get(`breakdown?${MARCH_APRIL}&by=category`).expect(200);
    const physician = byCategory.body.groups.find((g: { key: string }) => g.key === 'physician');
    expect(physician).toMatchObject({
      label: 'läkare',
      submitted: 1,
      cost: { agencyCallOff: { accrued: Math.floor((500_000 * 46) / 61) } },
    });
    const byKind = await get(`breakdown?${MARCH_APRIL}&by=kind`).expect(200);
    expect(byKind.body.groups.map((g: { key: string }) => g.key).sort()).toEqual(['agency_call_off', 'hire']);
  });

  it('exports CSV as Swedish Excel opens it: BOM, semicolons, decimal commas, CRLF', async () => {
    const res = await get(`export.csv?${MARCH_APRIL}&by=division`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.csv"/);
    const bytes: Buffer = res.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    const header = lines[0].split(';');
    expect(header.slice(0, 4)).toEqual([
      'Månad',
      'Division',
      'Inskickade ärenden',
      'Varav generellt undantagna',
    ]);
    const rows = lines.slice(1).map((l) => l.split(';'));
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const col = (name: string) => header.indexOf(name);
    const aprilSomatik = rows.find((r) => r[0] === '2026-04' && r[1] === 'Länssjukvårdsområde Somatik')!;
    expect(aprilSomatik[col('Beviljade')]).toBe('2');
    expect(aprilSomatik[col('Andel beviljade (%)')]).toBe('100');
    // R1 (4 business days) and R4 (0): median 2, 90th percentile 3,6 with a decimal comma
    expect(aprilSomatik[col('Handläggningstid 90:e percentil (arbetsdagar)')]).toBe('3,6');
    expect(aprilSomatik[col('Avrop, upplupen kostnad samma månad föregående år (kr)')]).toBe('300000');
    // Each kind in its own unit: the hires' annual cost (R1 48 500 × 12), the call-offs' total (R4 90 000)
    expect(aprilSomatik[col('Anställningar, beviljad årskostnad (kr)')]).toBe(String(48_500 * 12));
    expect(aprilSomatik[col('Avrop, beviljad kostnad (kr)')]).toBe('90000');
    expect(header.some((h) => h === 'Beviljad kostnad (kr)')).toBe(false);
    const marchSomatik = rows.find((r) => r[0] === '2026-03' && r[1] === 'Länssjukvårdsområde Somatik')!;
    expect(marchSomatik[col('Beslut inom tidsfrist (%)')]).toBe('66,7');
  });

  it('shows a director their own division only; the HR lead and follow-up read theirs (follow-up-role.test.ts), others none', async () => {
    const own = await get(`summary?${MARCH_APRIL}`, 'div.somatik').expect(200);
    expect(own.body).toMatchObject({ submitted: 6, decided: { rejected: 0 } });
    const other = await get(`summary?divisionId=${demo.unitIds.get('PSY')}`, 'div.somatik').expect(403);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    await get(`breakdown?by=unit&unitId=${demo.unitIds.get('PSY-VUX')}`, 'div.somatik').expect(403);
    for (const user of ['hr.somatik', 'chef.akuten', 'admin']) await get('summary', user).expect(403);
    await get('summary', 'hrchef').expect(200);
  });

  it('refuses a range longer than ten years on every endpoint, naming the field', async () => {
    const cases: [string, string][] = [
      ['summary?from=1900-01-01&to=2100-12-31', 'to'],
      ['timeseries?interval=week&from=1900-01-01&to=9999-12-31', 'to'],
      ['breakdown?by=division&from=2016-04-01&to=2026-04-01', 'to'],
      ['export.csv?from=1900-01-01', 'from'],
    ];
    for (const [path, field] of cases) {
      const res = await get(path).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field, message: expect.stringContaining('10 years') }]);
    }
    // Ten years to the day before is still answered.
    await get('timeseries?interval=week&from=2016-04-02&to=2026-04-01').expect(200);
  });

  it('refuses bad filters with a problem naming the field', async () => {
    const cases: [string, string][] = [
      ['summary?from=2026-02-30', 'from'],
      ['summary?from=0001-01-01&to=0001-12-31', 'from'],
      ['summary?from=2026-05-01&to=2026-04-01', 'to'],
      ['summary?kind=temp', 'kind'],
      ['summary?category=wizard', 'category'],
      ['summary?divisionId=nope', 'divisionId'],
      ['summary?unitId=00000000-0000-4000-8000-000000000000', 'unitId'],
      ['timeseries?interval=day', 'interval'],
      ['breakdown?by=colour', 'by'],
      ['breakdown', 'by'],
      ['summary?colour=red', 'colour'],
    ];
    for (const [path, field] of cases) {
      const res = await get(path).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.body)).toContain(field);
    }
  });
});
