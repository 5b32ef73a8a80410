import { aCallOffBody, aHireBody, aReviewPeriodBody } from '../support/http-fixtures';

/**
 * The client side of the fault-injection runs (chaos, soak, full disk, netem): reviews driven through the HTTP API
 * along seeded random paths, each call retried with the same `Idempotency-Key` after 503/429/network errors as a
 * well-behaved client does, with every answer counted and timed. The checker (checker.ts) then compares what the
 * API acknowledged with the database and the workflows.
 */

/** mulberry32: small, seeded, good enough to pick paths and moments reproducibly. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `--name value` from the command line, a number. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

export type Path =
  'approve' | 'reject' | 'return_resubmit_approve' | 'withdraw' | 'wait_director' | 'wait_first';
export const PATHS: [Path, number][] = [
  ['approve', 0.25],
  ['reject', 0.15],
  ['return_resubmit_approve', 0.2],
  ['withdraw', 0.1],
  ['wait_director', 0.1],
  ['wait_first', 0.2],
];
/** The status each path leaves the review in. */
export const EXPECTED: Record<Path, string> = {
  approve: 'approved',
  reject: 'rejected',
  return_resubmit_approve: 'approved',
  withdraw: 'withdrawn',
  wait_director: 'in_review',
  wait_first: 'in_review',
};

export interface Review {
  i: number;
  key: string;
  kind: 'hire' | 'agency_call_off';
  path: Path;
  id?: string;
  /** Decision ids the API acknowledged with 2xx. */
  acked: string[];
  done: boolean;
  aborted?: string;
  /** When its submission was first sent and when its path's last call was answered (ms since the epoch). */
  startedAt?: number;
  settledAt?: number;
}

/** The i-th review of a run: its kind and path drawn from `random`. */
export function aReview(i: number, keyPrefix: string, random: () => number): Review {
  let r = random();
  const path = PATHS.find(([, p]) => (r -= p) < 0)?.[0] ?? 'wait_first';
  return {
    i,
    key: `${keyPrefix}-${i}`,
    kind: random() < 0.7 ? 'hire' : 'agency_call_off',
    path,
    acked: [],
    done: false,
  };
}

/** Which latency list a call lands in. */
export type CallKind = 'submit' | 'decide' | 'resubmit' | 'withdraw' | 'other';

export interface DriverCounts {
  calls: number;
  status500: number;
  status503: number;
  status503WithoutRetryAfter: number;
  networkErrors: number;
  retried: number;
  /** Every status code seen, with how often (0: no answer). */
  statuses: Record<string, number>;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  retried: boolean;
  retryAfter: string | null;
  contentType: string | null;
}

export interface DriverOptions {
  /** Called with every answer (also the ones retried), e.g. to count what came back during an outage. */
  onAnswer?: (status: number, answer: Answer, method: string, path: string) => void;
  /** Give up retrying after this many attempts (default 200). */
  maxAttempts?: number;
  /** A call's own timeout (default 60 s). */
  timeoutMs?: number;
  /** The longest wait between retries, whatever Retry-After says (default 3 s). */
  maxRetryWaitMs?: number;
}

export interface Driver {
  base: string;
  counts: DriverCounts;
  /** Milliseconds from the first attempt to the final answer (retries included), per kind of call. */
  latencies: Record<CallKind, number[]>;
  fiveHundreds: string[];
  /** Wall-clock times (ms) of every acknowledged decision, to see when service resumed after a fault. */
  decisionAcks: number[];
  call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    key?: string,
    kind?: CallKind,
  ): Promise<Answer>;
  token(user: string): string;
  unitId: string;
  submit(r: Review): Promise<void>;
  drive(r: Review): Promise<void>;
}

/** Signs in the demo users, opens a review period per kind and finds the unit the reviews are for. */
export async function connectDriver(base: string, opts: DriverOptions = {}): Promise<Driver> {
  const counts: DriverCounts = {
    calls: 0,
    status500: 0,
    status503: 0,
    status503WithoutRetryAfter: 0,
    networkErrors: 0,
    retried: 0,
    statuses: {},
  };
  const latencies: Record<CallKind, number[]> = {
    submit: [],
    decide: [],
    resubmit: [],
    withdraw: [],
    other: [],
  };
  const fiveHundreds: string[] = [];
  const decisionAcks: number[] = [];
  const maxAttempts = opts.maxAttempts ?? 200;

  async function call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    key?: string,
    kind: CallKind = 'other',
  ): Promise<Answer> {
    const begun = Date.now();
    for (let attempt = 0; ; attempt++) {
      counts.calls += 1;
      let status: number;
      let json: unknown;
      let retryAfter: string | null = null;
      let contentType: string | null = null;
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            ...(key ? { 'Idempotency-Key': key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        contentType = res.headers.get('content-type');
        const text = await res.text();
        json = text ? JSON.parse(text) : undefined;
      } catch {
        counts.networkErrors += 1;
        status = 0;
      }
      counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
      const answer: Answer = {
        status,
        body: json as Record<string, unknown>,
        retried: attempt > 0,
        retryAfter,
        contentType,
      };
      opts.onAnswer?.(status, answer, method, path);
      if (status >= 500 && status !== 503) {
        counts.status500 += 1;
        fiveHundreds.push(`${new Date().toISOString()} ${method} ${path} ${status} ${JSON.stringify(json)}`);
      }
      if (status === 503) {
        counts.status503 += 1;
        if (!retryAfter) counts.status503WithoutRetryAfter += 1;
      }
      const retry = status === 0 || status === 503 || status === 429 || status >= 500;
      if (!retry || attempt + 1 >= maxAttempts) {
        latencies[kind].push(Date.now() - begun);
        return answer;
      }
      counts.retried += 1;
      await sleep(Math.min(Number(retryAfter ?? 1) * 1000, opts.maxRetryWaitMs ?? 3000));
    }
  }

  const tokens = new Map<string, string>();
  for (const user of ['admin', 'chef.akuten', 'hr.somatik', 'div.somatik']) {
    const res = await fetch(`${base}/auth/dev-login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user }),
    });
    tokens.set(user, ((await res.json()) as { token: string }).token);
  }
  const token = (user: string) => tokens.get(user)!;
  for (const kind of ['hire', 'agency_call_off'])
    await call('POST', '/review-periods', token('admin'), aReviewPeriodBody(kind));
  const units = (await call('GET', '/org/units', token('admin'))).body as unknown as {
    units: { id: string; code: string }[];
  }[];
  const unitId = units.flatMap((d) => d.units).find((u) => u.code === 'SOM-AKUT')!.id;

  async function decide(r: Review, stage: string, outcome: string, step: number) {
    const user = stage === 'director_decision' ? 'div.somatik' : 'hr.somatik';
    const res = await call(
      'POST',
      `/requests/${r.id}/decisions`,
      token(user),
      { stage, outcome, ...(outcome === 'approve' ? {} : { comment: 'Kaos' }) },
      `${r.key}-d${step}`,
      'decide',
    );
    if (res.status === 201) {
      r.acked.push(res.body.decisionId as string);
      decisionAcks.push(Date.now());
    } else r.aborted = `decision ${stage} ${outcome}: ${res.status} ${JSON.stringify(res.body)}`;
    return res.status === 201;
  }

  async function submit(r: Review) {
    const body = r.kind === 'hire' ? aHireBody(unitId) : aCallOffBody(unitId);
    r.startedAt = Date.now();
    const submitted = await call('POST', '/requests', token('chef.akuten'), body, r.key, 'submit');
    if (submitted.status === 201) r.id = submitted.body.id as string;
    else r.aborted = `submit: ${submitted.status} ${JSON.stringify(submitted.body)}`;
  }

  async function drive(r: Review) {
    const chef = token('chef.akuten');
    const first = r.kind === 'hire' ? 'hr_review' : 'staffing_review';
    if (!r.id) return;
    switch (r.path) {
      case 'approve':
        if (await decide(r, first, 'approve', 1)) await decide(r, 'director_decision', 'approve', 2);
        break;
      case 'reject':
        await decide(r, first, 'reject', 1);
        break;
      case 'return_resubmit_approve': {
        if (!(await decide(r, first, 'return', 1))) break;
        const again = await call(
          'POST',
          `/requests/${r.id}/resubmit`,
          chef,
          { comment: 'Kompletterat' },
          undefined,
          'resubmit',
        );
        // A resubmission has no key: a retry after an answer that got lost is refused 409, but it did happen.
        if (again.status !== 201 && !(again.status === 409 && again.retried)) {
          r.aborted = `resubmit: ${again.status} ${JSON.stringify(again.body)}`;
          break;
        }
        if (await decide(r, first, 'approve', 2)) await decide(r, 'director_decision', 'approve', 3);
        break;
      }
      case 'withdraw': {
        const res = await call(
          'POST',
          `/requests/${r.id}/withdraw`,
          chef,
          { comment: 'Behövs inte' },
          undefined,
          'withdraw',
        );
        if (res.status !== 201 && !(res.status === 409 && res.retried))
          r.aborted = `withdraw: ${res.status} ${JSON.stringify(res.body)}`;
        break;
      }
      case 'wait_director':
        await decide(r, first, 'approve', 1);
        break;
      case 'wait_first':
        break;
    }
    r.settledAt = Date.now();
    r.done = true;
  }

  return { base, counts, latencies, fiveHundreds, decisionAcks, call, token, unitId, submit, drive };
}

/** The p-th percentile (0–100) of `values`, nearest rank; undefined for none. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** p50/p95/max and the count of each kind of call, in milliseconds. */
export function latencySummary(latencies: Record<CallKind, number[]>) {
  return Object.fromEntries(
    Object.entries(latencies)
      .filter(([, v]) => v.length > 0)
      .map(([kind, v]) => [
        kind,
        { n: v.length, p50: percentile(v, 50), p95: percentile(v, 95), max: Math.max(...v) },
      ]),
  );
}

export interface SteadyLoad {
  reviews: Review[];
  inFlight(): number;
  /** The most reviews on their way at once, and how many arrivals waited because MAX were already. */
  maxInFlight(): number;
  deferred(): number;
  /** Stops new arrivals; resolves once the reviews on their way have settled, or after `waitMs`. */
  stop(waitMs?: number): Promise<void>;
}

/**
 * `rate` new reviews a second, each submitted and then driven along its path at once, on its own; beyond
 * `maxInFlight` reviews on their way an arrival waits (counted), so a system that does not keep up is seen, not
 * buried under an ever longer queue of clients.
 */
export function steadyLoad(
  driver: Driver,
  opts: { rate: number; keyPrefix: string; random: () => number; maxInFlight?: number },
): SteadyLoad {
  const reviews: Review[] = [];
  const running = new Set<Promise<void>>();
  let deferred = 0;
  let maxInFlight = 0;
  let stopped = false;
  const cap = opts.maxInFlight ?? 400;
  const arrivals = (async () => {
    const interval = 1000 / opts.rate;
    let next = Date.now();
    while (!stopped) {
      if (running.size >= cap) deferred += 1;
      else {
        const r = aReview(reviews.length, opts.keyPrefix, opts.random);
        reviews.push(r);
        const p: Promise<void> = driver
          .submit(r)
          .then(() => driver.drive(r))
          .catch((error: unknown) => {
            r.aborted = `driver: ${(error as Error).message}`;
          })
          .finally(() => running.delete(p));
        running.add(p);
        maxInFlight = Math.max(maxInFlight, running.size);
      }
      next += interval;
      await sleep(Math.max(0, next - Date.now()));
    }
  })();
  return {
    reviews,
    inFlight: () => running.size,
    maxInFlight: () => maxInFlight,
    deferred: () => deferred,
    async stop(waitMs = 180_000) {
      stopped = true;
      await arrivals;
      const until = Date.now() + waitMs;
      while (running.size > 0 && Date.now() < until) await sleep(250);
    },
  };
}
