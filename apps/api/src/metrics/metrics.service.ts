import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { RequestsRepository } from '@db/repositories/requests.repository';
import { DATA_SOURCE } from '../tokens';

/**
 * How old the open-review count may be when scraped. Prometheus scrapes every 15–60 s, a flood of scrapes may come
 * faster: each is answered from the last count, and the database is asked at most this often (sooner after a
 * submission or decision through this API, so the gauge follows what the API itself just did).
 */
export const OPEN_REVIEWS_MAX_AGE_MS = 30_000;

/** Label of requests no route matched: raw paths would make one series per probe of a random url. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * The API's Prometheus metrics, in a registry of its own (never prom-client's global one, so two apps in one
 * process, as in tests, do not collide).
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  private readonly logger = new Logger('MetricsService');
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'provning_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly submissions = new Counter({
    name: 'provning_requests_submitted_total',
    help: 'Requests submitted through the API, by kind and the status they were given',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  private readonly decisions = new Counter({
    name: 'provning_decisions_total',
    help: 'Decisions taken through the API, by request kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly requests: RequestsRepository;
  /** The last count and when it was taken; undefined until the first scrape or after a write here. */
  private openCount?: { value: Promise<number | undefined>; at: number };

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.requests = new RequestsRepository(dataSource);
    collectDefaultMetrics({ register: this.registry });
    const openReviews = () => this.openReviews();
    new Gauge({
      name: 'provning_open_reviews',
      help: 'Requests in review or returned to the requester, counted in PostgreSQL at most every 30 s',
      registers: [this.registry],
      async collect() {
        const count = await openReviews();
        if (count !== undefined) this.set(count);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  submitted(kind: string, status: string): void {
    this.submissions.inc({ kind, status });
    this.openCount = undefined;
  }

  decided(kind: string, outcome: string): void {
    this.decisions.inc({ kind, outcome });
    this.openCount = undefined;
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }

  /** Concurrent scrapes share one count; a count older than OPEN_REVIEWS_MAX_AGE_MS is taken again. */
  private openReviews(now = Date.now()): Promise<number | undefined> {
    if (!this.openCount || now - this.openCount.at >= OPEN_REVIEWS_MAX_AGE_MS)
      this.openCount = { value: this.countOpenReviews(), at: now };
    return this.openCount.value;
  }

  /** Undefined when the database does not answer: the scrape still succeeds, with the last value. */
  private async countOpenReviews(): Promise<number | undefined> {
    try {
      return await this.requests.countOpen();
    } catch (error) {
      this.logger.warn(`provning_open_reviews not counted: ${(error as Error).message}`);
      return undefined;
    }
  }
}
