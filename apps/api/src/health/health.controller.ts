import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@config/config';
import { Public } from '../auth/allow.decorator';
import { CONFIG, DATA_SOURCE, TEMPORAL_CLIENT } from '../tokens';

async function probe(check: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 2000)),
    ]);
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Readiness: 200 when PostgreSQL and Temporal both answer, 503 otherwise. */
  @Get()
  @Public()
  async health(@Res() res: Response) {
    const [database, temporal] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() =>
        this.client.workflowService.describeNamespace({ namespace: this.config.temporal.namespace }),
      ),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    if (!ok) res.setHeader('Retry-After', '5');
    res.status(ok ? 200 : 503).json({ status: ok ? 'up' : 'down', checks: { database, temporal } });
  }
}
