import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, type TLSConfig } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import type { Response } from 'supertest';
import { reviewWorkflowId } from '@temporal-lib/task-queue';
import {
  PORTS_PER_NODE,
  parseTemporalDbUrl,
  startTemporalCluster,
  type RunningCluster,
} from '@local/temporal/cluster';
import { startFrontendBalancer, type FrontendBalancer } from '@local/temporal/frontend-balancer';
import {
  createCertificateAuthority,
  ensureTemporalCerts,
  issueCertificate,
  type LocalTemporalCerts,
} from '@local/temporal/certs';
import { assertPortFree, freePort } from '@local/ports';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

/**
 * The review flow on a two-node Temporal cluster (real server processes on PostgreSQL) while nodes die by
 * SIGKILL: once while reviews wait for a decision, once while decisions are arriving. The API and worker reach
 * the nodes through one balanced address, as behind a load balancer in production, and a client retries a
 * decision that failed with the same Idempotency-Key, as the API documents. Every review must complete with each
 * decision recorded exactly once.
 */
jest.setTimeout(8 * 60_000);

const REVIEWS = 24;
const NODES = 2;

let cluster: RunningCluster;
let balancer: FrontendBalancer;
let t: TestApp;
let unitId: string;
let certs: LocalTemporalCerts;
const log = (m: string) => process.stderr.write(`[cluster] ${m}\n`);

/** A base port with PORTS_PER_NODE * NODES free ports above it. */
async function freePortBlock(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 120) * 100; // below 32768: see nodePorts
    try {
      for (let p = base; p < base + PORTS_PER_NODE * NODES; p++)
        await assertPortFree(p, 'cluster test', '127.0.0.1');
      return base;
    } catch {
      // taken: try another block
    }
  }
  throw new Error('no free block of ports for the cluster');
}

beforeAll(async () => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  certs = ensureTemporalCerts(mkdtempSync(join(tmpdir(), 'provning-cluster-tls-')));
  cluster = await startTemporalCluster({
    nodes: NODES,
    basePort: await freePortBlock(),
    db: parseTemporalDbUrl(adminUrl.replace(/\/[^/]*$/, '/temporal')),
    namespace: 'default',
    numHistoryShards: 4,
    rootDir: mkdtempSync(join(tmpdir(), 'provning-cluster-')),
    tls: certs,
    log,
  });
  balancer = await startFrontendBalancer(cluster.frontends, await freePort());
  // startTestApp points the API's client and the worker at this address.
  process.env.TEST_TEMPORAL_ADDRESS = balancer.address;
  // The API's client and the worker get the cluster's client certificate as production does: TEMPORAL_TLS_*.
  t = await startTestApp({
    TEMPORAL_TLS_CA_FILE: certs.ca.cert,
    TEMPORAL_TLS_CERT_FILE: certs.client.cert,
    TEMPORAL_TLS_KEY_FILE: certs.client.key,
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
  });
  unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  expect((await openReviewPeriod(t, 'hire', '2020-01-01', '2099-12-31')).status).toBe(201);
}, 15 * 60_000);

afterAll(async () => {
  await t?.stop();
  await balancer?.stop();
  await cluster?.stop();
});

/** POSTs until the API answers something other than a 5xx or a dropped connection, like a patient client. */
async function untilAnswered(
  send: () => Promise<Response>,
  what: string,
): Promise<{ res: Response; tries: number }> {
  const deadline = Date.now() + 120_000;
  for (let tries = 1; ; tries++) {
    try {
      const res = await send();
      if (res.status < 500) return { res, tries };
      if (Date.now() > deadline) throw new Error(`${what}: still ${res.status} ${JSON.stringify(res.body)}`);
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(e as Error).message}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function decide(id: string, username: string, stage: string) {
  const headers = { ...(await bearer(t, username)), 'Idempotency-Key': `${id}-${stage}` };
  return untilAnswered(
    () =>
      t.http
        .post(`/api/v1/requests/${id}/decisions`)
        .set(headers)
        .timeout({ response: 30_000 })
        .send({ stage, outcome: 'approve', comment: 'Cluster test' }),
    `decision ${stage} on ${id}`,
  );
}

/** Whether a client with these TLS options gets an answer from the balanced frontends, or the error it gets. */
async function reaches(tls: TLSConfig | undefined): Promise<true | string> {
  try {
    const connection = await Connection.connect({
      address: balancer.address,
      ...(tls ? { tls } : {}),
      connectTimeout: 3000,
    });
    try {
      await connection.workflowService.getSystemInfo({});
      return true;
    } finally {
      await connection.close();
    }
  } catch (e) {
    return String((e as Error).message ?? e);
  }
}

describe('mutual TLS on the cluster frontends', () => {
  const trustServer = () => ({
    serverRootCACertificate: readFileSync(certs.ca.cert),
    serverNameOverride: 'localhost',
  });

  it('serves a client that presents the certificate its CA signed', async () => {
    expect(await reaches(cluster.clientTls)).toBe(true);
  });

  it('refuses a plaintext client', async () => {
    expect(await reaches(undefined)).not.toBe(true);
  });

  it('refuses a TLS client without a client certificate', async () => {
    expect(await reaches(trustServer())).not.toBe(true);
  });

  it('refuses a client certificate from another CA, even with the right name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provning-other-ca-'));
    const otherCa = createCertificateAuthority(dir, 'other-ca', 'Someone else');
    const foreign = issueCertificate(otherCa, dir, 'client', { commonName: 'provning-app', usage: 'client' });
    expect(
      await reaches({
        ...trustServer(),
        clientCertPair: { crt: readFileSync(foreign.cert), key: readFileSync(foreign.key) },
      }),
    ).not.toBe(true);
  });

  it('is not served by a frontend the client cannot verify: a server certificate from another CA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'provning-other-ca-'));
    const otherCa = createCertificateAuthority(dir, 'other-ca', 'Someone else');
    expect(
      await reaches({ ...cluster.clientTls, serverRootCACertificate: readFileSync(otherCa.cert) }),
    ).not.toBe(true);
  });
});

describe('a two-node Temporal cluster on PostgreSQL', () => {
  it('forms one cluster: both nodes are members of the ring', async () => {
    const pg = new PgClient({
      connectionString: process.env.TEST_PG_ADMIN_URL!.replace(/\/[^/]*$/, '/temporal'),
    });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ rpc_port: number }>(
        `SELECT rpc_port FROM cluster_membership WHERE record_expiry > now()`,
      );
      const ports = new Set(rows.map((r) => Number(r.rpc_port)));
      for (const node of cluster.nodes) {
        expect(ports).toContain(node.ports.historyMembership);
        expect(ports).toContain(node.ports.frontendMembership);
      }
    } finally {
      await pg.end();
    }
  });

  it('completes every review, each decision once, while nodes are SIGKILLed', async () => {
    const chef = await bearer(t, 'chef.akuten');
    const submitted = await Promise.all(
      Array.from({ length: REVIEWS }, (_, i) =>
        untilAnswered(
          () =>
            t.http
              .post('/api/v1/requests')
              .set({ ...chef, 'Idempotency-Key': `cluster-${i}` })
              .send(aHireBody(unitId, { title: `Sjuksköterska ${i}` })),
          `submission ${i}`,
        ),
      ),
    );
    const ids = submitted.map(({ res }) => {
      expect(res.status).toBe(201);
      expect(res.body.currentStage.name).toBe('hr_review');
      return res.body.id as string;
    });

    // 1. Reviews are waiting for their first decision: node 1 dies, and the first decisions go to the survivor.
    const [node0, node1] = cluster.nodes;
    await node1.kill('SIGKILL');
    log(`node 1 SIGKILLed with ${ids.length} reviews waiting`);
    const first = await Promise.all(ids.map((id) => decide(id, 'hr.somatik', 'hr_review')));
    log(`hr_review decided on node 0 alone (${first.reduce((n, f) => n + f.tries - 1, 0)} retries)`);
    for (const { res } of first) {
      expect(res.status).toBe(201);
      expect(res.body.nextStage.name).toBe('director_decision');
    }
    await node1.start();

    // 2. Decisions are arriving: node 0 dies once the first of them have been answered.
    let answered = 0;
    const second = ids.map((id) =>
      decide(id, 'div.somatik', 'director_decision').then((r) => {
        answered++;
        return r;
      }),
    );
    while (answered < 3) await new Promise((r) => setTimeout(r, 20));
    const inFlight = ids.length - answered;
    await node0.kill('SIGKILL');
    log(`node 0 SIGKILLed with ${inFlight} director decisions in flight`);
    const results = await Promise.all(second);
    const statuses = results.map(({ res }) => res.status);
    await node0.start();

    const pg = t.db.dataSource;
    const rows: {
      id: string;
      status: string;
      decisions: number;
      stage_decisions: number;
      decision_events: number;
      stages: number;
      open_stages: number;
    }[] = await pg.query(
      `SELECT r.id, r.status,
              (SELECT count(*)::int FROM decisions d WHERE d.request_id = r.id) AS decisions,
              (SELECT count(DISTINCT d.stage_id)::int FROM decisions d WHERE d.request_id = r.id) AS stage_decisions,
              (SELECT count(*)::int FROM audit_events a WHERE a.request_id = r.id AND a.type = 'decision') AS decision_events,
              (SELECT count(*)::int FROM stages s WHERE s.request_id = r.id) AS stages,
              (SELECT count(*)::int FROM stages s WHERE s.request_id = r.id AND s.closed_at IS NULL) AS open_stages
         FROM requests r WHERE r.id = ANY($1)`,
      [ids],
    );
    const workflows = await Promise.all(
      ids.map(async (id) => (await t.client.workflow.getHandle(reviewWorkflowId(id)).describe()).status.name),
    );
    const completed = rows.filter((r) => r.status === 'approved').length;
    const duplicated = rows.filter(
      (r) => r.decisions > 2 || r.decision_events > 2 || r.stages > 2 || r.stage_decisions !== r.decisions,
    ).length;
    const lost = ids.length - rows.filter((r) => r.decisions === 2 && r.decision_events === 2).length;
    log(
      `reviews ${ids.length}, in flight at the second kill ${inFlight} ` +
        `(${results.reduce((n, r) => n + r.tries - 1, 0)} client retries), completed ${completed}, ` +
        `duplicated ${duplicated}, lost ${lost}; workflows completed ${workflows.filter((w) => w === 'COMPLETED').length}`,
    );

    expect(statuses).toEqual(ids.map(() => 201));
    expect(results.every(({ res }) => res.body.status === 'approved')).toBe(true);
    expect(inFlight).toBeGreaterThan(0);
    expect(rows).toHaveLength(ids.length);
    for (const r of rows) {
      expect(r).toEqual({
        id: r.id,
        status: 'approved',
        decisions: 2,
        stage_decisions: 2,
        decision_events: 2,
        stages: 2,
        open_stages: 0,
      });
    }
    expect(workflows).toEqual(ids.map(() => 'COMPLETED'));
    expect({ completed, duplicated, lost }).toEqual({ completed: ids.length, duplicated: 0, lost: 0 });
  });
});
