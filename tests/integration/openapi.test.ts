import { randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import type { Response } from 'supertest';
import { aPdf } from '../support/attachment-files';
import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, aHireBody, aReviewPeriodBody, bearer, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * The OpenAPI document describes every response: each operation has a success response with a schema (or 204),
 * errors are problem+json, and authenticated operations document 401. Real responses of every operation are then
 * validated by ajv against the document's own schemas.
 */

type Schema = Record<string, unknown> & { $ref?: string; required?: string[] };
interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  description: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, ResponseObject>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const MISSING = '00000000-0000-4000-8000-000000000000';
let t: TestApp;
let doc: Document;
let validate: ReturnType<typeof documentValidator>;
let units: Map<string, string>;
let users: Map<string, string>;
/** `METHOD /path status` of every real response checked against the document. */
const checked = new Set<string>();

const OPS_TOKEN = 'ops-'.repeat(10);

beforeAll(async () => {
  t = await startTestApp({ OPS_TOKEN });
  doc = (await t.http.get('/api/docs-json').expect(200)).body;
  validate = documentValidator(doc);
  units = await unitIdsByCode(t);
  // A second HR reviewer in Somatik, to delegate to.
  const [u] = await t.db.dataSource.query(
    `INSERT INTO users (username, display_name) VALUES ('hr.somatik2', 'Mia Ström (HR-partner Somatik)') RETURNING id`,
  );
  await t.db.dataSource.query(
    `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'hr_reviewer', $2)`,
    [u.id, units.get('SOM')],
  );
  users = new Map(
    (await t.db.dataSource.query(`SELECT id, username FROM users`)).map(
      (r: { id: string; username: string }) => [r.username, r.id],
    ),
  );
});
afterAll(() => t?.stop());

function operations(): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, string, Operation] => [method, path, op]),
  );
}

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
  return resolve(target);
}

/**
 * OpenAPI 3.0's one departure from JSON Schema that ajv does not read: `exclusiveMinimum: true` beside `minimum`
 * (draft 4) where JSON Schema has `exclusiveMinimum: <number>` (likewise for the maximum).
 */
function asJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (!(node instanceof Object)) return node;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, asJsonSchema(v)]),
  );
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  return out;
}

/**
 * The document as ajv reads it: a response schema is compiled where it stands, so its $refs resolve within the
 * document (whose own keys, `openapi`, `paths` and the like, are no schema keywords: hence strictSchema off). ajv
 * knows OpenAPI's `nullable`; the formats the document uses are the three below.
 */
function documentValidator(document: Document) {
  const ajv = new Ajv({ allErrors: true, strictSchema: false });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date', {
    validate: (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !isNaN(Date.parse(v)),
  });
  ajv.addFormat('date-time', {
    validate: (v: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !isNaN(Date.parse(v)),
  });
  ajv.addSchema(asJsonSchema(document) as object, 'openapi.json');
  const pointer = (parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  /** The problems of `body` against the schema of one documented response (empty: it matches). */
  return (path: string, method: string, status: string, type: string, body: unknown): string[] => {
    const at = pointer(['paths', path, method, 'responses', status, 'content', type, 'schema']);
    const validate = ajv.getSchema(`openapi.json#/${at}`);
    if (!validate) return [`no schema at ${at}`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}

function operationFor(method: string, url: string): [string, Operation] {
  const path = url.split('?')[0];
  for (const [template, methods] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path) && methods[method]) return [template, methods[method]];
  }
  throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
}

/** Makes a call and checks its response against the document: status, content type and body schema. */
async function call(
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  url: string,
  options: { as?: string; body?: object | string; headers?: Record<string, string> } = {},
): Promise<Response> {
  let req = t.http[method](url);
  if (options.as) req = req.set(await bearer(t, options.as));
  for (const [k, v] of Object.entries(options.headers ?? {})) req = req.set(k, v);
  const res = options.body ? await req.send(options.body) : await req;
  const [template, op] = operationFor(method, url);
  const where = `${method.toUpperCase()} ${template} → ${res.status}`;
  const documented = op.responses[String(res.status)];
  if (!documented) throw new Error(`${where} is not documented: ${JSON.stringify(res.body)}`);
  if (res.status === 204) {
    expect(res.text ?? '').toBe('');
  } else {
    const type = (res.headers['content-type'] ?? '').split(';')[0].trim();
    const media = documented.content?.[type];
    if (!media)
      throw new Error(`${where} answered ${type}, documented ${Object.keys(documented.content ?? {})}`);
    // A binary download (application/pdf) arrives as a Buffer body, not text: checked as the string it is.
    const body = type.endsWith('json')
      ? JSON.parse(res.text)
      : (res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('latin1') : undefined));
    const problems = media.schema
      ? validate(template, method, String(res.status), type, body)
      : ['no schema'];
    if (problems.length > 0)
      throw new Error(`${where} does not match its schema:\n${problems.join('\n')}\n${res.text}`);
  }
  checked.add(`${method.toUpperCase()} ${template} ${res.status}`);
  return res;
}

describe('the OpenAPI document', () => {
  it('documents a success response with a schema (or 204) for every operation', () => {
    const missing = operations()
      .filter(([, , op]) => {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        return !success.some(
          ([status, r]) =>
            status === '204' || Object.values(r.content ?? {}).some((m) => m.schema !== undefined),
        );
      })
      .map(([method, path]) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });

  it('documents 401 for every authenticated operation, 400 where input is parsed, 404 where an id is looked up', () => {
    const gaps: string[] = [];
    for (const [method, path, op] of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      const has = (status: number) => String(status) in op.responses;
      if (op.security?.length && !has(401)) gaps.push(`${name} lacks 401`);
      if (path.includes('{id}') && !(has(400) && has(404))) gaps.push(`${name} lacks 400 or 404`);
      if (op.requestBody && !has(400)) gaps.push(`${name} lacks 400`);
    }
    expect(gaps).toEqual([]);
  });

  it('answers errors as RFC 9457 problem details (health readiness keeps the terminus shape)', () => {
    const wrong: string[] = [];
    for (const [method, path, op] of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[45]\d\d$/.test(status) || (path === '/api/v1/health' && status === '503')) continue;
        const schema = response.content?.['application/problem+json']?.schema;
        if (!schema || resolve(schema).required?.join() !== 'type,title,status')
          wrong.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the response checker', () => {
  it('catches what a wrong response would get wrong', () => {
    const user = {
      id: MISSING,
      username: 'a',
      displayName: 'A',
      grants: [{ role: 'admin', scopeUnitId: null }],
    };
    const login = (body: unknown) =>
      validate('/api/v1/auth/dev-login', 'post', '200', 'application/json', body);
    expect(login({ token: 't', expiresAt: new Date().toISOString(), user })).toEqual([]);
    expect(
      login({ token: 1, expiresAt: '2026-01-01', user: { ...user, id: 'x', grants: [{}] }, secret: 's' }),
    ).toEqual([
      '/ must NOT have additional properties',
      '/token must be string',
      '/expiresAt must match format "date-time"',
      '/user/id must match format "uuid"',
      "/user/grants/0 must have required property 'role'",
      "/user/grants/0 must have required property 'scopeUnitId'",
    ]);
    const detail = (body: unknown) =>
      validate('/api/v1/requests/{id}', 'get', '200', 'application/json', body);
    expect(detail({ id: MISSING })).toContain('/ must match a schema in anyOf');
    // A list answered as a bare array instead of the page envelope.
    const delegations = (body: unknown) =>
      validate('/api/v1/delegations', 'get', '200', 'application/json', body);
    expect(delegations([])).toContain('/ must be object');
  });
});

describe('real responses match the document', () => {
  const today = new Date().toISOString().slice(0, 10);
  let hirePeriodId: string;

  it('for sign-in, the user and the organisation', async () => {
    const login = await call('post', '/api/v1/auth/dev-login', { body: { username: 'admin' } });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body).sort()).toEqual(['expiresAt', 'token', 'user']);
    expect((await call('post', '/api/v1/auth/dev-login', { body: { username: 'nobody' } })).status).toBe(422);
    expect((await call('post', '/api/v1/auth/dev-login', { body: { username: 7 } })).status).toBe(400);
    expect((await call('get', '/api/v1/me', { as: 'hr.somatik' })).status).toBe(200);
    expect((await call('get', '/api/v1/me')).status).toBe(401);
    expect((await call('get', '/api/v1/org/units', { as: 'chef.akuten' })).status).toBe(200);
  });

  it('for review periods', async () => {
    const created = await call('post', '/api/v1/review-periods', {
      as: 'admin',
      body: aReviewPeriodBody('hire', '2020-01-01', '2098-12-31'),
    });
    expect(created.status).toBe(201);
    hirePeriodId = created.body.id;
    const clash = await call('post', '/api/v1/review-periods', {
      as: 'admin',
      body: aReviewPeriodBody('hire', '2030-01-01', '2030-12-31'),
    });
    expect(clash.status).toBe(409);
    const extended = await call('post', `/api/v1/review-periods/${hirePeriodId}/extensions`, {
      as: 'admin',
      body: { validTo: '2099-12-31', decisionRef: 'HSN/2000/2098', decidedOn: '2098-06-01' },
    });
    expect(extended.status).toBe(201);
    expect(extended.body.extendsId).toBe(hirePeriodId);
    const body = { validTo: '2099-12-31', decisionRef: 'x', decidedOn: '2098-06-01' };
    expect(
      (await call('post', `/api/v1/review-periods/${MISSING}/extensions`, { as: 'admin', body })).status,
    ).toBe(404);
    expect((await call('post', '/api/v1/review-periods', { as: 'hr.somatik', body: {} })).status).toBe(403);
    expect((await call('get', '/api/v1/review-periods?kind=hire', { as: 'chef.akuten' })).status).toBe(200);
    expect((await call('get', '/api/v1/review-periods?kind=bogus', { as: 'chef.akuten' })).status).toBe(400);

    const later = await call('post', '/api/v1/review-periods', {
      as: 'admin',
      body: aReviewPeriodBody('agency_call_off', '2040-01-01', '2040-12-31'),
    });
    expect(later.status).toBe(201);
    const corrected = await call('patch', `/api/v1/review-periods/${later.body.id}`, {
      as: 'admin',
      body: { decidedBy: 'Regionstyrelsen' },
    });
    expect([corrected.status, corrected.body.decidedBy]).toEqual([200, 'Regionstyrelsen']);
    const overlapping = await call('patch', `/api/v1/review-periods/${hirePeriodId}`, {
      as: 'admin',
      body: { validTo: '2099-01-01' },
    });
    expect(overlapping.status).toBe(409);
    expect(
      (await call('patch', `/api/v1/review-periods/${MISSING}`, { as: 'admin', body: { decidedBy: 'x' } }))
        .status,
    ).toBe(404);
    expect(
      (await call('patch', `/api/v1/review-periods/${later.body.id}`, { as: 'admin', body: {} })).status,
    ).toBe(400);
    const ended = await call('post', `/api/v1/review-periods/${later.body.id}/end`, {
      as: 'admin',
      body: { validTo: '2040-06-30', decisionRef: 'HSN/9/2040', decidedOn: '2026-01-15' },
    });
    expect([ended.status, ended.body.endedEarly]).toEqual([
      200,
      { decisionRef: 'HSN/9/2040', decidedOn: '2026-01-15' },
    ]);
    expect(
      (await call('post', `/api/v1/review-periods/${later.body.id}/end`, { as: 'admin', body: {} })).status,
    ).toBe(400);
    expect(
      // Extended above: its extension would no longer follow it.
      (
        await call('post', `/api/v1/review-periods/${hirePeriodId}/end`, {
          as: 'admin',
          body: { validTo: '2098-06-30', decisionRef: 'x', decidedOn: '2026-01-15' },
        })
      ).status,
    ).toBe(409);
  });

  it('for route versions', async () => {
    expect((await call('get', '/api/v1/policy-versions/in-force', { as: 'chef.akuten' })).body.version).toBe(
      1,
    );
    expect((await call('get', '/api/v1/policy-versions/1', { as: 'chef.akuten' })).status).toBe(200);
    expect((await call('get', '/api/v1/policy-versions', { as: 'admin' })).status).toBe(200);
    const draft = await call('post', '/api/v1/policy-versions', { as: 'admin', body: { copyOf: 1 } });
    expect(draft.status).toBe(201);
    const url = `/api/v1/policy-versions/${draft.body.version}`;
    expect((await call('put', url, { as: 'admin', body: draft.body.policy })).status).toBe(200);
    expect((await call('put', url, { as: 'admin', body: { routes: 1 } })).status).toBe(400);
    expect((await call('post', `${url}/validate`, { as: 'admin' })).body).toEqual({
      valid: true,
      problems: [],
    });
    const preview = await call('post', `${url}/preview`, { as: 'admin', body: { kind: 'hire' } });
    expect(preview.status).toBe(200);
    // Far ahead, so the requests this file submits stay on version 1.
    const body = { validFrom: '2090-01-01', decisionRef: 'RS 2089/1', decidedOn: '2020-01-01' };
    expect((await call('post', `${url}/publish`, { as: 'admin', body })).body.state).toBe('coming');
    expect((await call('put', url, { as: 'admin', body: draft.body.policy })).status).toBe(409);
    expect((await call('post', `${url}/publish`, { as: 'admin', body })).status).toBe(409);
    expect((await call('get', '/api/v1/policy-versions/999', { as: 'admin' })).status).toBe(404);
    expect(
      (await call('post', '/api/v1/policy-versions', { as: 'admin', body: { copyOf: 999 } })).status,
    ).toBe(422);
  });

  it('for exemptions, and the request one covered', async () => {
    const decision = {
      decisionBody: 'Hälso- och sjukvårdsnämnden',
      decisionRef: 'HSN/12/2026 § 3',
      decidedOn: today,
    };
    const body = {
      scopeUnitId: units.get('SOM'),
      kind: 'hire',
      occupationalCategories: ['psychologist'],
      validFrom: today,
      validTo: '2098-12-31',
      costCeilingSek: 10_000_000,
      reason: 'Psykologbemanning',
      ...decision,
    };
    const granted = await call('post', '/api/v1/exemptions', { as: 'hsdir', body });
    expect(granted.status).toBe(201);
    const covered = await call('post', '/api/v1/requests', {
      as: 'chef.akuten',
      body: aHireBody(units.get('SOM-AKUT')!, { occupationalCategory: 'psychologist' }),
    });
    expect(covered.body).toMatchObject({ status: 'exempted', exemptionId: granted.body.id });
    const detail = await call('get', `/api/v1/requests/${covered.body.id}`, { as: 'chef.akuten' });
    expect(detail.body.exemption).toMatchObject(decision);
    const noUnit = await call('post', '/api/v1/exemptions', {
      as: 'admin',
      body: { ...body, scopeUnitId: MISSING },
    });
    expect(noUnit.status).toBe(422);
    const tooLong = await call('post', '/api/v1/exemptions', {
      as: 'admin',
      body: { ...body, validTo: '2100-01-01' },
    });
    expect(tooLong.status).toBe(400);
    expect((await call('get', '/api/v1/exemptions', { as: 'admin' })).body.items).toHaveLength(1);
    expect((await call('get', '/api/v1/exemptions', { as: 'div.somatik' })).status).toBe(200);
    const revocation = { reason: 'Upphävt', revokedOn: today };
    const revoked = await call('post', `/api/v1/exemptions/${granted.body.id}/revoke`, {
      as: 'admin',
      body: revocation,
    });
    expect(revoked.status).toBe(201);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedOn: today });
    const again = { as: 'hsdir', body: revocation };
    expect((await call('post', `/api/v1/exemptions/${granted.body.id}/revoke`, again)).status).toBe(409);
    expect((await call('post', `/api/v1/exemptions/${MISSING}/revoke`, again)).status).toBe(404);
    expect((await call('post', `/api/v1/exemptions/${MISSING}/revoke`, { ...again, body: {} })).status).toBe(
      404,
    );
    expect((await call('post', '/api/v1/exemptions', { as: 'div.somatik', body: {} })).status).toBe(403);
    expect((await call('get', '/api/v1/exemptions', { as: 'chef.akuten' })).status).toBe(403);
  });

  it('for delegations', async () => {
    const created = await call('post', '/api/v1/delegations', {
      as: 'hr.somatik',
      body: { delegateId: users.get('hr.somatik2'), validFrom: today, validTo: '2099-12-31', kind: 'hire' },
    });
    expect(created.status).toBe(201);
    expect((await call('get', '/api/v1/delegations', { as: 'hr.somatik2' })).body.items).toHaveLength(1);
    const unknown = await call('post', '/api/v1/delegations', {
      as: 'hr.somatik',
      body: { delegateId: MISSING, validFrom: today, validTo: '2099-12-31' },
    });
    expect(unknown.status).toBe(422);
    expect(
      (await call('delete', `/api/v1/delegations/${created.body.id}`, { as: 'hr.somatik' })).status,
    ).toBe(204);
    expect(
      (await call('delete', `/api/v1/delegations/${created.body.id}`, { as: 'hr.somatik' })).status,
    ).toBe(404);
    expect((await call('delete', '/api/v1/delegations/not-a-uuid', { as: 'hr.somatik' })).status).toBe(400);
  });

  it('for requests through their review: submit, read, reassign, decide, return, resubmit, withdraw', async () => {
    const unitId = units.get('SOM-AKUT')!;
    const key = { 'Idempotency-Key': 'openapi-hire-1' };
    const submitted = await call('post', '/api/v1/requests', {
      as: 'chef.akuten',
      body: aHireBody(unitId),
      headers: key,
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.currentStage).toMatchObject({ name: 'hr_review' });
    const id = submitted.body.id;
    const replay = await call('post', '/api/v1/requests', {
      as: 'chef.akuten',
      body: aHireBody(unitId),
      headers: key,
    });
    expect(replay.body.id).toBe(id);
    const reused = await call('post', '/api/v1/requests', {
      as: 'chef.akuten',
      body: aHireBody(unitId, { fte: 0.5 }),
      headers: key,
    });
    expect(reused.status).toBe(422);
    const callOff = await call('post', '/api/v1/requests', { as: 'chef.akuten', body: aCallOffBody(unitId) });
    expect(callOff.body).toMatchObject({ status: 'not_required', currentStage: null });
    expect(
      (await call('post', '/api/v1/requests', { as: 'chef.akuten', body: { kind: 'hire' } })).status,
    ).toBe(400);

    expect(
      (await call('get', `/api/v1/requests/${callOff.body.id}`, { as: 'chef.akuten' })).body,
    ).toMatchObject({
      kind: 'agency_call_off',
      supplier: 'Läkarbemanning AB',
    });
    expect((await call('get', `/api/v1/requests/${MISSING}`, { as: 'chef.akuten' })).status).toBe(404);
    expect((await call('get', '/api/v1/requests/not-a-uuid', { as: 'chef.akuten' })).status).toBe(400);

    const reassigned = await call('post', `/api/v1/requests/${id}/reassign`, {
      as: 'hrchef',
      body: { userId: users.get('hr.somatik') },
    });
    expect(reassigned.status).toBe(201);
    expect(reassigned.body.currentStage.assigneeUserId).toBe(users.get('hr.somatik'));

    const decisionKey = { 'Idempotency-Key': 'openapi-decision-1' };
    const approved = await call('post', `/api/v1/requests/${id}/decisions`, {
      as: 'hr.somatik',
      body: { outcome: 'approve', comment: 'Komplett' },
      headers: decisionKey,
    });
    expect(approved.status).toBe(201);
    expect(approved.body.nextStage).toMatchObject({ name: 'director_decision' });
    const retried = await call('post', `/api/v1/requests/${id}/decisions`, {
      as: 'hr.somatik',
      body: { outcome: 'approve', comment: 'Komplett' },
      headers: decisionKey,
    });
    expect(retried.body.decisionId).toBe(approved.body.decisionId);
    const stale = await call('post', `/api/v1/requests/${id}/decisions`, {
      as: 'div.somatik',
      body: { outcome: 'approve', stage: 'hr_review' },
    });
    expect(stale.status).toBe(409);
    expect(
      (await call('post', `/api/v1/requests/${id}/decisions`, { as: 'chef.akuten', body: {} })).status,
    ).toBe(403);

    const inbox = await call('get', '/api/v1/inbox', { as: 'div.somatik' });
    expect(inbox.body.items.map((i: { requestId: string }) => i.requestId)).toContain(id);
    expect((await call('get', '/api/v1/inbox?kind=bogus', { as: 'div.somatik' })).status).toBe(400);

    const returned = await call('post', `/api/v1/requests/${id}/decisions`, {
      as: 'div.somatik',
      body: { outcome: 'return', comment: 'Hur länge är tjänsten vakant?' },
    });
    expect(returned.body.status).toBe('returned');
    const resubmitted = await call('post', `/api/v1/requests/${id}/resubmit`, {
      as: 'chef.akuten',
      body: { comment: 'Sedan mars', changes: { fte: 0.8 } },
    });
    expect(resubmitted.status).toBe(201);
    expect(
      (await call('post', `/api/v1/requests/${id}/resubmit`, { as: 'chef.akuten', body: {} })).status,
    ).toBe(409);

    const detail = await call('get', `/api/v1/requests/${id}`, { as: 'hr.somatik' });
    expect(detail.body).toMatchObject({ kind: 'hire', fte: 0.8 });
    expect(detail.body.decisions).toHaveLength(2);
    const timeline = await call('get', `/api/v1/requests/${id}/timeline`, { as: 'chef.akuten' });
    expect(timeline.body.length).toBeGreaterThan(3);
    expect(
      (await call('get', '/api/v1/requests?mine=true&sort=submittedAt', { as: 'chef.akuten' })).status,
    ).toBe(200);
    expect((await call('get', '/api/v1/requests?status=bogus', { as: 'chef.akuten' })).status).toBe(400);

    const withdrawn = await call('post', `/api/v1/requests/${id}/withdraw`, {
      as: 'chef.akuten',
      body: { comment: 'Löst internt' },
    });
    expect(withdrawn.body).toEqual({ id, status: 'withdrawn' });
    expect(
      (await call('post', `/api/v1/requests/${id}/withdraw`, { as: 'chef.akuten', body: {} })).status,
    ).toBe(409);
  });

  it('for questions without a return: ask, list, answer', async () => {
    const submitted = await call('post', '/api/v1/requests', {
      as: 'chef.akuten',
      body: aHireBody(units.get('SOM-AKUT')!),
    });
    const id = submitted.body.id;
    const asked = await call('post', `/api/v1/requests/${id}/questions`, {
      as: 'hr.somatik',
      body: { text: 'Har ni prövat att omfördela?' },
    });
    expect(asked.status).toBe(201);
    const listed = await call('get', `/api/v1/requests/${id}/questions`, { as: 'chef.akuten' });
    expect(listed.body.openQuestionId).toBe(asked.body.questionId);
    const answered = await call('post', `/api/v1/requests/${id}/questions/${asked.body.questionId}/answer`, {
      as: 'chef.akuten',
      body: { text: 'Ja.' },
    });
    expect(answered.status).toBe(201);
  });

  it('for an approval with its validity date', async () => {
    const submitted = await call('post', '/api/v1/requests', {
      as: 'chef.akuten',
      body: aHireBody(units.get('SOM-AKUT')!),
    });
    const id = submitted.body.id;
    await call('post', `/api/v1/requests/${id}/decisions`, {
      as: 'hr.somatik',
      body: { outcome: 'approve' },
    });
    const approved = await call('post', `/api/v1/requests/${id}/decisions`, {
      as: 'div.somatik',
      body: { outcome: 'approve_with_conditions', conditions: 'Tidsbegränsad till augusti' },
    });
    expect(approved.body).toMatchObject({
      status: 'approved_with_conditions',
      validUntil: expect.any(String),
    });
    const detail = await call('get', `/api/v1/requests/${id}`, { as: 'chef.akuten' });
    expect(detail.body.validUntil).toBe(approved.body.validUntil);
    const list = await call('get', '/api/v1/requests?status=approved_with_conditions', { as: 'hsdir' });
    expect(list.body.items[0]).toMatchObject({ id, currentStage: null });
  });

  it('for bulk decisions: one decided, one refused, and the bad input', async () => {
    const submitted = await call('post', '/api/v1/requests', {
      as: 'chef.akuten',
      body: aHireBody(units.get('SOM-AKUT')!),
    });
    const bulk = await call('post', '/api/v1/decisions/bulk', {
      as: 'hr.somatik',
      body: {
        items: [submitted.body.id, MISSING].map((requestId) => ({ requestId, stage: 'hr_review' })),
        outcome: 'approve',
        comment: 'Enligt plan',
      },
      headers: { 'Idempotency-Key': 'openapi-bulk-1' },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.items.map((i: { result: string }) => i.result)).toEqual(['decided', 'refused']);
    const bad = await call('post', '/api/v1/decisions/bulk', {
      as: 'hr.somatik',
      body: { items: [], outcome: 'approve' },
      headers: { 'Idempotency-Key': 'openapi-bulk-2' },
    });
    expect(bad.status).toBe(400);
  });

  it('for notifications', async () => {
    const list = await call('get', '/api/v1/notifications?unread=true', { as: 'hr.somatik' });
    expect(list.body.items.length).toBeGreaterThan(0);
    const read = await call('post', `/api/v1/notifications/${list.body.items[0].id}/read`, {
      as: 'hr.somatik',
    });
    expect(read.status).toBe(201);
    expect(read.body.readAt).not.toBeNull();
    expect((await call('post', `/api/v1/notifications/${MISSING}/read`, { as: 'hr.somatik' })).status).toBe(
      404,
    );
    expect((await call('get', '/api/v1/notifications?page=0', { as: 'hr.somatik' })).status).toBe(400);
    const all = await call('post', '/api/v1/notifications/read-all', { as: 'hr.somatik', body: {} });
    expect(all.status).toBe(201);
    expect(all.body.unread).toBe(0);
    expect(
      (await call('post', '/api/v1/notifications/read-all', { as: 'hr.somatik', body: { before: 'x' } }))
        .status,
    ).toBe(400);
  });

  it('for the user directory', async () => {
    expect((await call('get', '/api/v1/auth/dev-users')).status).toBe(200);
    expect((await call('get', '/api/v1/auth/settings')).status).toBe(200);
    expect((await call('get', '/api/v1/users?role=hr_reviewer', { as: 'hrchef' })).status).toBe(200);
    expect((await call('get', '/api/v1/users?role=wizard', { as: 'hrchef' })).status).toBe(400);
  });

  it('for statistics', async () => {
    for (const path of [
      'summary',
      'timeseries?interval=week',
      'breakdown?by=division',
      'breakdown?by=stage',
    ]) {
      expect((await call('get', `/api/v1/stats/${path}`, { as: 'hsdir' })).status).toBe(200);
    }
    expect((await call('get', '/api/v1/stats/summary', { as: 'styrgrupp' })).status).toBe(200);
    expect((await call('get', '/api/v1/stats/breakdown?by=division', { as: 'hrchef' })).status).toBe(200);
    const csv = await call('get', '/api/v1/stats/export.csv?by=category', { as: 'div.somatik' });
    expect(csv.status).toBe(200);
    for (const report of ['report.xlsx?month=2026-04', 'report.pdf?tertial=2026-T1'])
      expect((await call('get', `/api/v1/stats/${report}`, { as: 'div.somatik' })).status).toBe(200);
    expect((await call('get', '/api/v1/stats/breakdown?by=nothing', { as: 'hsdir' })).status).toBe(400);
  });

  it('for the Temporal codec endpoint', async () => {
    const payloads = [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: 'e30=' }];
    const encoded = await call('post', '/api/v1/temporal-codec/encode', { as: 'admin', body: { payloads } });
    expect(encoded.status).toBe(200);
    const decoded = await call('post', '/api/v1/temporal-codec/decode', { as: 'admin', body: encoded.body });
    expect(decoded.body).toEqual({ payloads });
    expect(
      (await call('post', '/api/v1/temporal-codec/decode', { as: 'admin', body: { payloads: 'x' } })).status,
    ).toBe(400);
  });

  it('for the organisation import and its audit log', async () => {
    const csv =
      'typ;enhetskod;överordnad kod;namn;nivå;id;roll;omfattning\nenhet;X;;X;division;;;\nperson;;;Eva;;SE-1;requester;X\n';
    const dry = await call('post', '/api/v1/org-import?fileName=org.csv', {
      as: 'admin',
      headers: { 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(dry.status).toBe(200);
    expect(dry.body.plan.create).toHaveLength(2);
    const bad = await call('post', '/api/v1/org-import', {
      as: 'admin',
      headers: { 'Content-Type': 'text/csv' },
      body: 'typ\nunknown\n',
    });
    expect(bad.body.problems.length).toBeGreaterThan(0);
    expect((await call('post', '/api/v1/org-import', { as: 'admin', body: {} })).status).toBe(415);
    expect((await call('post', '/api/v1/org-import', { as: 'hrchef', body: {} })).status).toBe(403);
    expect((await call('get', '/api/v1/admin-audit', { as: 'admin' })).status).toBe(200);
    expect((await call('get', '/api/v1/admin-audit?page=0', { as: 'admin' })).status).toBe(400);
    expect((await call('get', '/api/v1/org-import/template', { as: 'admin' })).status).toBe(200);
    expect((await call('get', '/api/v1/org-import/template', { as: 'hrchef' })).status).toBe(403);
  });

  it('for the actuals import, the cost targets and the actuals statistics', async () => {
    const csv = 'Månad;Enhetskod;Inhyrd personal (kr);Egen personal (kr)\n2025-01;SOM;100;900\n';
    const dry = await call('post', '/api/v1/actuals-import?fileName=utfall.csv', {
      as: 'admin',
      headers: { 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(dry.status).toBe(200);
    const bad = await call('post', '/api/v1/actuals-import', {
      as: 'styrgrupp',
      headers: { 'Content-Type': 'text/csv' },
      body: 'Månad;Enhetskod;Inhyrd personal (kr);Egen personal (kr)\n2025-13;NOPE;-1;x\n',
    });
    expect(bad.body.problems.length).toBeGreaterThan(0);
    expect((await call('post', '/api/v1/actuals-import', { as: 'admin', body: {} })).status).toBe(415);
    expect((await call('post', '/api/v1/actuals-import', { as: 'hrchef', body: {} })).status).toBe(403);
    expect((await call('get', '/api/v1/actuals-import/template', { as: 'admin' })).status).toBe(200);
    const set = await call('put', '/api/v1/cost-targets', {
      as: 'admin',
      body: { year: 2031, divisionId: null, agencyReductionSek: 1000, agencyShareCeiling: 0.03, note: 'doc' },
    });
    expect(set.status).toBe(200);
    expect((await call('put', '/api/v1/cost-targets', { as: 'admin', body: { year: 1 } })).status).toBe(400);
    expect((await call('get', '/api/v1/cost-targets', { as: 'hsdir' })).status).toBe(200);
    expect((await call('get', '/api/v1/stats/actuals?from=2031-01&to=2031-12', { as: 'hsdir' })).status).toBe(
      200,
    );
    expect((await call('get', '/api/v1/stats/actuals?from=2031-13', { as: 'hsdir' })).status).toBe(400);
    expect((await call('delete', `/api/v1/cost-targets/${set.body.id}`, { as: 'admin' })).status).toBe(204);
    expect((await call('delete', `/api/v1/cost-targets/${set.body.id}`, { as: 'admin' })).status).toBe(404);
  });

  it('for attachments: upload, list, download and the refusals', async () => {
    const akuten = (await unitIdsByCode(t)).get('SOM-AKUT')!;
    const submitted = await call('post', '/api/v1/requests', { as: 'chef.akuten', body: aHireBody(akuten) });
    const url = `/api/v1/requests/${submitted.body.id}/attachments`;
    const multipart = (name: string, bytes: Buffer) => {
      const boundary = 'openapi-test-boundary';
      return {
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
              'Content-Type: application/pdf\r\n\r\n',
          ),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      };
    };
    const added = await call('post', url, { as: 'chef.akuten', ...multipart('offert.pdf', await aPdf()) });
    expect(added.status).toBe(201);
    expect((await call('get', url, { as: 'hr.somatik' })).body.items).toHaveLength(1);
    expect((await call('get', `${url}/${added.body.id}`, { as: 'hr.somatik' })).status).toBe(200);
    expect((await call('get', `${url}/${randomUUID()}`, { as: 'hr.somatik' })).status).toBe(404);
    expect((await call('delete', `${url}/${added.body.id}`, { as: 'hr.somatik' })).status).toBe(403);
    expect((await call('delete', `${url}/${added.body.id}`, { as: 'chef.akuten' })).status).toBe(204);
    expect((await call('delete', `${url}/${added.body.id}`, { as: 'chef.akuten' })).status).toBe(404);
    expect(
      (await call('post', url, { as: 'chef.akuten', ...multipart('x.pdf', Buffer.from('x')) })).status,
    ).toBe(415);
    expect(
      (await call('post', url, { as: 'chef.akuten', ...multipart('../x.pdf', await aPdf()) })).status,
    ).toBe(400);
    expect((await call('post', url, { as: 'styrgrupp', body: {} })).status).toBe(403);
    expect(
      (await call('post', url, { as: 'hr.psykiatri', ...multipart('a.pdf', await aPdf()) })).status,
    ).toBe(404);
  });

  it('for the people and roles admin', async () => {
    const created = await call('post', '/api/v1/admin/people', {
      as: 'admin',
      body: { displayName: 'Doc Person', employeeId: 'DOC-1', email: 'doc@region.example' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await call('get', '/api/v1/admin/people?q=doc', { as: 'admin' })).body.total).toBe(1);
    expect((await call('get', '/api/v1/admin/people?active=maybe', { as: 'admin' })).status).toBe(400);
    expect((await call('get', `/api/v1/admin/people/${id}`, { as: 'admin' })).status).toBe(200);
    expect((await call('get', `/api/v1/admin/people/${randomUUID()}`, { as: 'admin' })).status).toBe(404);
    expect(
      (await call('patch', `/api/v1/admin/people/${id}`, { as: 'admin', body: { active: false } })).status,
    ).toBe(200);
    const granted = await call('post', `/api/v1/admin/people/${id}/roles`, {
      as: 'admin',
      body: { role: 'executive', scopeUnitId: null },
    });
    expect(granted.status).toBe(201);
    const ended = await call('post', `/api/v1/admin/people/${id}/roles/${granted.body.roles[0].id}/end`, {
      as: 'admin',
      body: {},
    });
    expect(ended.status).toBe(200);
    expect(
      (await call('post', `/api/v1/admin/people/${id}/roles`, { as: 'admin', body: { role: 'executive' } }))
        .status,
    ).toBe(400);
    expect((await call('get', '/api/v1/admin-audit', { as: 'admin' })).body.items[0].action).toBe('end');
  });

  it('for requests without requester and moving one to another requester', async () => {
    const akuten = units.get('SOM-AKUT')!;
    const submitted = await call('post', '/api/v1/requests', { as: 'chef.akuten', body: aHireBody(akuten) });
    expect(submitted.status).toBe(201);
    // The requester's role ends by date; another requester of the unit takes the request over.
    const role = `UPDATE role_assignments SET valid_to = $1
                   WHERE role = 'requester' AND user_id = (SELECT id FROM users WHERE username = 'chef.akuten')`;
    await t.db.dataSource.query(role, ['2020-12-31']);
    const [heir] = await t.db.dataSource.query(
      `INSERT INTO users (username, display_name) VALUES ('chef.akuten2', 'Ny chef') RETURNING id`,
    );
    await t.db.dataSource.query(
      `INSERT INTO role_assignments (user_id, role, scope_unit_id) VALUES ($1, 'requester', $2)`,
      [heir.id, akuten],
    );
    const list = await call('get', '/api/v1/requests-without-requester', { as: 'hrchef' });
    expect(list.status).toBe(200);
    expect(list.body.items.find((i: { id: string }) => i.id === submitted.body.id)?.candidates).toEqual([
      { id: heir.id, displayName: 'Ny chef' },
    ]);
    expect(
      (await call('get', '/api/v1/requests-without-requester?pageSize=0', { as: 'hrchef' })).status,
    ).toBe(400);
    const moved = await call('post', `/api/v1/requests/${submitted.body.id}/requester`, {
      as: 'hrchef',
      body: { userId: heir.id },
    });
    expect(moved.status).toBe(201);
    expect(
      (
        await call('post', `/api/v1/requests/${MISSING}/requester`, {
          as: 'hrchef',
          body: { userId: heir.id },
        })
      ).status,
    ).toBe(404);
    await t.db.dataSource.query(role, [null]);
  });

  it('for the organisation as the admin keeps it', async () => {
    expect((await call('get', '/api/v1/org/units?status=all', { as: 'chef.akuten' })).status).toBe(200);
    expect((await call('get', '/api/v1/org/units?status=x', { as: 'chef.akuten' })).status).toBe(400);
    const som = (await t.db.dataSource.query(`SELECT id FROM org_units WHERE code = 'SOM'`))[0].id;
    const created = await call('post', '/api/v1/admin/org-units', {
      as: 'admin',
      body: { code: 'SOM-OAPI', name: 'Dokumenterad enhet', level: 'unit', parentId: som, budgetSek: 1000 },
    });
    expect(created.status).toBe(201);
    const at = `/api/v1/admin/org-units/${created.body.id}`;
    expect((await call('patch', at, { as: 'admin', body: { name: 'Omdöpt' } })).status).toBe(200);
    expect((await call('patch', at, { as: 'admin', body: { parentId: created.body.id } })).status).toBe(422);
    expect(
      (await call('patch', '/api/v1/admin/org-units/x', { as: 'admin', body: { name: 'y' } })).status,
    ).toBe(400);
    const missing = '/api/v1/admin/org-units/00000000-0000-4000-8000-000000000000';
    expect((await call('patch', missing, { as: 'admin', body: { name: 'y' } })).status).toBe(404);
    expect((await call('post', `${at}/close`, { as: 'admin', body: { validTo: '2099-12-31' } })).status).toBe(
      200,
    );
    expect((await call('post', `${missing}/close`, { as: 'admin', body: { validTo: today } })).status).toBe(
      404,
    );
    expect((await call('get', '/api/v1/admin/org-units?status=closed&q=oapi', { as: 'admin' })).status).toBe(
      200,
    );
    expect((await call('get', '/api/v1/admin/org-units', { as: 'hrchef' })).status).toBe(403);
  });

  it('for health and metrics', async () => {
    expect((await call('get', '/api/v1/health')).status).toBe(200);
    expect((await call('get', '/api/v1/health/live')).status).toBe(200);
    const ops = { Authorization: `Bearer ${OPS_TOKEN}` };
    expect((await call('get', '/api/v1/health', { headers: ops })).status).toBe(200);
    expect((await call('get', '/api/v1/metrics', { headers: ops })).status).toBe(200);
    expect((await call('get', '/api/v1/metrics')).status).toBe(401);
  });

  it('has checked a real success response of every operation', () => {
    const unchecked = operations()
      .map(([method, path]) => `${method.toUpperCase()} ${path}`)
      .filter((op) => ![...checked].some((c) => c.startsWith(`${op} 2`)));
    expect(unchecked).toEqual([]);
  });
});
