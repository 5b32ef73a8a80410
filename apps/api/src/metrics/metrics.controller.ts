import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '@config/config';
import { Public } from '../auth/allow.decorator';
import { carriesOpsToken } from '../auth/ops-token';
import { ApiProblems } from '../common/openapi-responses';
import { problem, ProblemException } from '../common/problem';
import { CONFIG } from '../tokens';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Prometheus text exposition: HTTP latency, submissions, decisions, open reviews and process metrics. Only for
   * `Authorization: Bearer <OPS_TOKEN>`: the figures describe the region's caseload and the process.
   */
  @Get()
  @Public()
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  @ApiProblems(
    [401, 'The bearer token is not OPS_TOKEN'],
    [404, 'Metrics are not enabled (OPS_TOKEN is unset)'],
  )
  async scrape(@Req() req: Request, @Res() res: Response) {
    if (!this.config.http.opsToken)
      throw new ProblemException(problem(404, 'Metrics are not enabled: set OPS_TOKEN'));
    if (!carriesOpsToken(req, this.config))
      throw new ProblemException(problem(401, 'Send OPS_TOKEN as the bearer token'), {
        'WWW-Authenticate': 'Bearer',
      });
    const body = await this.metrics.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(this.metrics.contentType).send(body);
  }
}
