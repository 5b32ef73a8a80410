import { startTestApp, type TestApp } from '../support/app';
import { unitIdsByCode } from '../support/http-fixtures';

// Starting the app (database, migrations, worker bundle) takes seconds, more on a loaded machine.
jest.setTimeout(120_000);

let t: TestApp;
let units: Map<string, string>;
const names = (body: { username: string }[]) => body.map((u) => u.username).sort();
beforeAll(async () => {
  t = await startTestApp();
  units = await unitIdsByCode(t);
});
afterAll(() => t?.stop());

describe('the user directory', () => {
  it('lists users with their roles for choosing a stand-in or an assignee, without contact details', async () => {
    const res = await t.http
      .get('/api/v1/users?role=hr_reviewer')
      .set({ Authorization: `Bearer ${await t.token('hrchef')}` })
      .expect(200);
    expect(names(res.body.items)).toEqual(['hr.psykiatri', 'hr.somatik', 'hr2.psykiatri', 'hr2.somatik']);
    expect(res.body.total).toBe(4);
    expect(JSON.stringify(res.body)).not.toContain('@');
  });

  it('narrows by scope: a unit matches grants on it, on its division and region-wide ones', async () => {
    const res = await t.http
      .get(`/api/v1/users?scopeUnitId=${units.get('SOM-AKUT')}`)
      .set({ Authorization: `Bearer ${await t.token('div.somatik')}` })
      .expect(200);
    const listed = names(res.body.items);
    expect(listed).toEqual(
      expect.arrayContaining(['chef.akuten', 'hr.somatik', 'div.somatik', 'hrchef', 'hsdir']),
    );
    expect(listed).not.toContain('hr.psykiatri');
    expect(listed).not.toContain('div.psykiatri');
  });

  it('shows an HR reviewer or director the users of their own scope units, the HR lead and executive everyone', async () => {
    const listedFor = async (username: string, query = '') =>
      names(
        (
          await t.http
            .get(`/api/v1/users?pageSize=100${query}`)
            .set({ Authorization: `Bearer ${await t.token(username)}` })
            .expect(200)
        ).body.items,
      );
    for (const reviewer of ['hr.somatik', 'div.somatik']) {
      const listed = await listedFor(reviewer);
      expect(listed).toEqual(
        expect.arrayContaining(['chef.akuten', 'hr.somatik', 'div.somatik', 'hrchef', 'hsdir']),
      );
      for (const other of ['chef.psyk', 'hr.psykiatri', 'div.psykiatri']) expect(listed).not.toContain(other);
      // Asking for another division's scope does not widen it.
      const elsewhere = await listedFor(reviewer, `&scopeUnitId=${units.get('PSY-VUX')}`);
      for (const other of ['chef.psyk', 'hr.psykiatri', 'div.psykiatri'])
        expect(elsewhere).not.toContain(other);
    }
    for (const regionWide of ['hrchef', 'hsdir', 'admin'])
      expect(await listedFor(regionWide)).toEqual(
        expect.arrayContaining(['chef.akuten', 'chef.psyk', 'hr.psykiatri', 'hr.somatik', 'div.psykiatri']),
      );
  });

  it('is for reviewers and admins only, and names the bad field', async () => {
    await t.http
      .get('/api/v1/users')
      .set({ Authorization: `Bearer ${await t.token('chef.akuten')}` })
      .expect(403);
    const bad = await t.http
      .get('/api/v1/users?scopeUnitId=x')
      .set({ Authorization: `Bearer ${await t.token('admin')}` })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('scopeUnitId');
  });

  it('lists the users one may sign in as in dev mode', async () => {
    const res = await t.http.get('/api/v1/auth/dev-users').expect(200);
    expect(res.body).toHaveLength(12);
    expect(res.body.find((u: { username: string }) => u.username === 'hsdir').grants).toEqual([
      { role: 'executive', scopeUnitId: null },
    ]);
  });
});
