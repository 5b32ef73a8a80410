import { stockholmDate } from '@domain/calendar';
import { recommendingRoute } from '@domain/policy';
import type { TestApp } from './app';
import { aHireBody, bearer, unitIdsByCode } from './http-fixtures';

/**
 * Publishes the route for new regions (HR recommends, the director decides) from today, as a region's admin does
 * through the API: a draft, the route, publication with its decision. Every request submitted after it takes it.
 */
export async function publishRecommendingRoute(t: TestApp): Promise<number> {
  const admin = await bearer(t, 'admin');
  const created = await t.http
    .post('/api/v1/policy-versions')
    .set(admin)
    .send({ template: 'recommending' })
    .expect(201);
  const version: number = created.body.version;
  // The template is the code's route for new regions, unchanged.
  const { version: _number, ...route } = recommendingRoute(version);
  expect(created.body.policy).toEqual(route);
  const today = stockholmDate(new Date());
  await t.http
    .post(`/api/v1/policy-versions/${version}/publish`)
    .set(admin)
    .send({ validFrom: today, decisionRef: 'HSN/123/2026 § 12', decidedOn: today })
    .expect(200);
  return version;
}

/** A hire of the demo's emergency unit, submitted through the API by its unit manager; its id. */
export async function submitHire(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const units = await unitIdsByCode(t);
  const res = await t.http
    .post('/api/v1/requests')
    .set(await bearer(t, 'chef.akuten'))
    .send(aHireBody(units.get('SOM-AKUT')!, overrides))
    .expect(201);
  return res.body.id;
}
