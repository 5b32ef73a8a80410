import { Controller, Get, HttpStatus, Inject, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  type HealthCheckResult,
  type HealthIndicatorResult,
  HealthCheckService,
  HealthIndicatorService,
} from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@config/config';
import { pingDatabase } from '@db/repositories/database-ping';
import { Public } from '../auth/allow.decorator';
import { carriesOpsToken } from '../auth/ops-token';
import { healthCheckSchema } from '@contracts/health';
import { problemContent } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import { CONFIG, DATA_SOURCE, TEMPORAL_CLIENT } from '../tokens';

/** How long one dependency may take before readiness calls it down. */
const PROBE_TIMEOUT_MS = 2000;
/** What a 503 tells the caller (a load balancer, an orchestrator) to wait before asking again. */
const RETRY_AFTER_SECONDS = '5';

/**
 * What anyone may see: each dependency up or down. The error text (host names, ports, driver messages) helps an
 * attacker map the network, so it is kept for a caller with OPS_TOKEN.
 */
function withoutDetails(result: HealthCheckResult): HealthCheckResult {
  const bare = (section: Partial<HealthIndicatorResult> = {}): HealthIndicatorResult =>
    Object.fromEntries(
      Object.entries(section).flatMap(([name, indicator]) =>
        indicator ? [[name, { status: indicator.status }]] : [],
      ),
    );
  return {
    status: result.status,
    ...(result.info && { info: bare(result.info) }),
    ...(result.error && { error: bare(result.error) }),
    details: bare(result.details),
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Readiness: 200 when PostgreSQL and Temporal both answer, 503 with Retry-After otherwise; why a dependency is
   * down only with OPS_TOKEN as the bearer token.
   */
  @Get()
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({
    description: 'PostgreSQL and Temporal both answer',
    schema: openApiResponseSchema(healthCheckSchema(['ok'])),
  })
  @ApiServiceUnavailableResponse({
    description:
      'A dependency is down, or the API is shutting down (with Retry-After); each indicator carries its error ' +
      '`message` only for a caller with `Authorization: Bearer <OPS_TOKEN>`',
    schema: openApiResponseSchema(healthCheckSchema(['error', 'shutting_down'])),
    headers: {
      'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'string' } },
    },
  })
  async readiness(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const shown = carriesOpsToken(req, this.config) ? (r: HealthCheckResult) => r : withoutDetails;
    try {
      return shown(await this.health.check([() => this.database(), () => this.temporal()]));
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Terminus's own shape (status, info, error, details), not problem+json: probes and dashboards read it.
      res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', RETRY_AFTER_SECONDS);
      return shown(error.getResponse() as HealthCheckResult);
    }
  }

  /** Liveness: the process answers; no dependency is asked, so a database outage never restarts the API. */
  @Get('live')
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({
    description: 'The process answers',
    schema: openApiResponseSchema(healthCheckSchema(['ok'])),
  })
  @ApiServiceUnavailableResponse({ description: 'The API is shutting down', content: problemContent })
  liveness() {
    return this.health.check([]);
  }

  private async database() {
    const indicator = this.indicators.check('database');
    try {
      await withTimeout(pingDatabase(this.dataSource), PROBE_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  private async temporal() {
    const indicator = this.indicators.check('temporal');
    try {
      await withTimeout(
        this.client.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
          this.client.workflowService.describeNamespace({ namespace: this.config.temporal.namespace }),
        ),
        PROBE_TIMEOUT_MS,
      );
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
