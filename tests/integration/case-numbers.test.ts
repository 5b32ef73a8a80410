import { randomUUID } from 'node:crypto';
import { stockholmDate } from '@domain/calendar';
import { formatCaseNumber } from '@domain/case-number';
import { undoThrough } from '../support/migrations';
import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * Case numbers (issue 21): unique and consecutive per Stockholm year under concurrent submissions, backfilled
 * in submission order, searchable; notifications name the request and can all be marked read; a returned request
 * says by when it must be completed.
 */
let t: TestApp;
let units: Map<string, string>;
const year = Number(stockholmDate(new Date()).slice(0, 4));

beforeAll(async () => {
  t = await startTestApp();
  units = await unitIdsByCode(t);
  for (const kind of ['hire', 'agency_call_off']) {
    expect((await openReviewPeriod(t, kind)).status).toBe(201);
  }
});
afterAll(() => t?.stop());

const seqOf = (caseNumber: string) => Number(caseNumber.split('-')[1]);

describe('case numbers', () => {
  it('gives concurrent submissions distinct, consecutive numbers of this year', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.http
          .post('/api/v1/requests')
          .set(chef)
          .send(i % 2 ? aHireBody(units.get('SOM-AKUT')!) : aCallOffBody(units.get('SOM-AKUT')!)),
      ),
    );
    for (const a of answers) expect(a.status).toBe(201);
    const numbers = answers.map((a) => a.body.caseNumber as string);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^${year}-\\d{5}$`));
    expect(new Set(numbers).size).toBe(numbers.length);
    const seqs = numbers.map(seqOf).sort((a, b) => a - b);
    // Gap-free: a rolled-back submission hands its number back, so twelve commits take twelve numbers in a row.
    expect(seqs[seqs.length - 1] - seqs[0]).toBe(seqs.length - 1);

    const detail = await t.http.get(`/api/v1/requests/${answers[1].body.id}`).set(chef).expect(200);
    expect(detail.body.caseNumber).toBe(answers[1].body.caseNumber);
    expect(detail.body.summary).toBe('Sjuksköterska akutmottagning (visstid)');
    expect(detail.body.summaryEn).toBe('Sjuksköterska akutmottagning (fixed-term)');
    // The hire's own title stays the position as written.
    expect(detail.body.title).toBe('Sjuksköterska akutmottagning');
  });

  it('hands back the number of a submission that rolls back (a repeated idempotency key)', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const key = randomUUID();
    const body = aHireBody(units.get('SOM-AKUT')!);
    const first = await t.http.post('/api/v1/requests').set(chef).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    const again = await t.http.post('/api/v1/requests').set(chef).set('Idempotency-Key', key).send(body);
    expect(again.body.caseNumber).toBe(first.body.caseNumber);
    const next = await t.http.post('/api/v1/requests').set(chef).send(body).expect(201);
    expect(seqOf(next.body.caseNumber)).toBe(seqOf(first.body.caseNumber) + 1);
  });

  it('numbers each Stockholm year from 1: a request at 00.30 on New Year in Stockholm is the next year', async () => {
    const ds = t.db.dataSource;
    const [unit] = await ds.query(`SELECT id, parent_id FROM org_units WHERE code = 'SOM-AKUT'`);
    const [user] = await ds.query(`SELECT id FROM users WHERE username = 'chef.akuten'`);
    const insert = (at: string) =>
      ds.query(
        `INSERT INTO requests (id, kind, unit_id, division_id, requester_id, occupational_category, payload,
                               cost_sek, status, submitted_at)
         VALUES ($1, 'hire', $2, $3, $4, 'nurse', '{}'::jsonb, 1, 'not_required', $5)
         RETURNING case_year AS year, case_seq AS seq`,
        [randomUUID(), unit.id, unit.parent_id, user.id, at],
      );
    // 23.30 UTC on 31 December is 00.30 on 1 January in Stockholm.
    const [a] = await insert('2040-12-31T23:30:00Z');
    const [b] = await insert('2040-12-31T22:30:00Z');
    expect(a).toEqual({ year: 2041, seq: 1 });
    expect(b).toEqual({ year: 2040, seq: 1 });
    const [c] = await insert('2041-03-01T10:00:00Z');
    expect(c).toEqual({ year: 2041, seq: 2 });
  });

  it('finds a request by its case number, as typed, and refuses a search that is not one', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const made = await t.http
      .post('/api/v1/requests')
      .set(chef)
      .send(aCallOffBody(units.get('SOM-AKUT')!))
      .expect(201);
    const short = `${year}-${seqOf(made.body.caseNumber)}`;
    const found = await t.http
      .get('/api/v1/requests')
      .query({ mine: 'true', caseNumber: short })
      .set(chef)
      .expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([made.body.id]);
    expect(found.body.items[0].summary).toBe('Läkarbemanning AB, 15 juni–15 augusti 2031');

    const inbox = await t.http
      .get('/api/v1/inbox')
      .query({ caseNumber: made.body.caseNumber })
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    expect(inbox.body.items.map((i: { requestId: string }) => i.requestId)).toEqual([made.body.id]);
    expect(inbox.body.items[0]).toMatchObject({
      caseNumber: made.body.caseNumber,
      summary: 'Läkarbemanning AB, 15 juni–15 augusti 2031',
      summaryEn: 'Läkarbemanning AB, 15 June–15 August 2031',
    });

    for (const path of ['/api/v1/requests', '/api/v1/inbox']) {
      const bad = await t.http
        .get(path)
        .query({ caseNumber: "2026-1' OR 1=1" })
        .set(await bearer(t, path.endsWith('inbox') ? 'hr.somatik' : 'chef.akuten'))
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain('caseNumber');
    }
    // Someone else's request is not found by its number either.
    const other = await t.http
      .get('/api/v1/requests')
      .query({ caseNumber: made.body.caseNumber })
      .set(await bearer(t, 'chef.psyk'))
      .expect(200);
    expect(other.body.items).toEqual([]);
  });
});

describe('a returned request', () => {
  it('says by when it must be completed: ten business days after the return, at 16.00', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const made = await t.http
      .post('/api/v1/requests')
      .set(chef)
      .send(aHireBody(units.get('SOM-AKUT')!))
      .expect(201);
    await t.http
      .post(`/api/v1/requests/${made.body.id}/decisions`)
      .set(await bearer(t, 'hr.somatik'))
      .send({ outcome: 'return', comment: 'Bifoga kostnadskalkyl' })
      .expect(201);
    const detail = await t.http.get(`/api/v1/requests/${made.body.id}`).set(chef).expect(200);
    expect(detail.body.status).toBe('returned');
    const due = new Date(detail.body.answerReturnBy);
    const days = (due.getTime() - Date.now()) / 86_400_000;
    // Ten business days: at least two weeks of calendar, at most three with holidays.
    expect(days).toBeGreaterThan(12);
    expect(days).toBeLessThan(22);
    expect(due.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm' })).toBe('16:00:00');

    const notes = await t.http.get('/api/v1/notifications').set(chef).expect(200);
    const ret = notes.body.items.find(
      (n: { type: string; requestId: string }) =>
        n.type === 'decision_return' && n.requestId === made.body.id,
    );
    expect(ret.request).toEqual({
      caseNumber: made.body.caseNumber,
      summary: 'Sjuksköterska akutmottagning (visstid)',
      summaryEn: 'Sjuksköterska akutmottagning (fixed-term)',
      kind: 'hire',
    });
    // The same deadline the page shows is in the return's notice (and its mail).
    expect(ret.data.answerBy).toBe(detail.body.answerReturnBy);
  });
});

describe('marking all notifications read', () => {
  it("marks the caller's own unread notifications, and no one else's", async () => {
    const hr = await bearer(t, 'hr.somatik');
    const before = await t.http.get('/api/v1/notifications').set(hr).expect(200);
    expect(before.body.unread).toBeGreaterThan(0);
    const othersUnread = async () =>
      Number(
        (
          await t.db.dataSource.query(
            `SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.recipient_id
              WHERE u.username <> 'hr.somatik' AND n.read_at IS NULL`,
          )
        )[0].n,
      );
    const othersBefore = await othersUnread();
    expect(othersBefore).toBeGreaterThan(0);

    const marked = await t.http.post('/api/v1/notifications/read-all').set(hr).send({}).expect(201);
    expect(marked.body).toEqual({ marked: before.body.unread, unread: 0 });
    expect((await t.http.get('/api/v1/notifications').set(hr).expect(200)).body.unread).toBe(0);
    expect(await othersUnread()).toBe(othersBefore);
  });

  it('leaves what arrived after the list was shown unread', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const unread = (await t.http.get('/api/v1/notifications').set(chef).expect(200)).body.unread;
    expect(unread).toBeGreaterThan(0);
    const marked = await t.http
      .post('/api/v1/notifications/read-all')
      .set(chef)
      .send({ before: '2000-01-01T00:00:00Z' })
      .expect(201);
    expect(marked.body).toEqual({ marked: 0, unread });
  });

  it('refuses the signed-out and a malformed body, naming the field', async () => {
    await t.http.post('/api/v1/notifications/read-all').send({}).expect(401);
    const bad = await t.http
      .post('/api/v1/notifications/read-all')
      .set(await bearer(t, 'chef.akuten'))
      .send({ before: 'yesterday' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('before');
    await t.http
      .post('/api/v1/notifications/read-all')
      .set(await bearer(t, 'chef.akuten'))
      .send({ everyone: true })
      .expect(400);
  });
});

describe('the backfill', () => {
  it('numbers existing requests in submission order within each Stockholm year', async () => {
    const ds = t.db.dataSource;
    await undoThrough(ds, 'CaseNumbers1764340000000');
    const [after] = await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
    expect(after.name).not.toBe('CaseNumbers1764340000000');
    await ds.runMigrations({ transaction: 'each' });
    const rows: { year: number; seq: number; submittedAt: Date; stockholmYear: number }[] = await ds.query(
      `SELECT case_year AS year, case_seq AS seq, submitted_at AS "submittedAt",
              EXTRACT(YEAR FROM submitted_at AT TIME ZONE 'Europe/Stockholm')::int AS "stockholmYear"
         FROM requests ORDER BY submitted_at, id`,
    );
    expect(rows.length).toBeGreaterThan(10);
    const byYear = new Map<number, number[]>();
    for (const r of rows) {
      expect(r.year).toBe(r.stockholmYear);
      byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.seq]);
    }
    for (const seqs of byYear.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const counters: { year: number; last: number }[] = await ds.query(
      `SELECT year, last FROM case_number_counters ORDER BY year`,
    );
    expect(counters).toEqual(
      [...byYear].sort(([a], [b]) => a - b).map(([y, s]) => ({ year: y, last: s.length })),
    );
    // The next submission continues after the backfill.
    const made = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(units.get('SOM-AKUT')!))
      .expect(201);
    expect(made.body.caseNumber).toBe(formatCaseNumber({ year, seq: byYear.get(year)!.length + 1 }));
  });
});
