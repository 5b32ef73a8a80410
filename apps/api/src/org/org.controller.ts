import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { divisionsSchema, type Division } from '@contracts/org';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import type { DataSource } from 'typeorm';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import { Can } from '../auth/allow.decorator';
import { ApiQueryFrom } from '../common/openapi-query';
import { parseBody } from '../common/parse-body';
import { DATA_SOURCE } from '../tokens';

const unitsQuery = z
  .object({
    status: z
      .enum(['open', 'all'])
      .default('open')
      .describe(
        'open (the default, what forms offer): the divisions and units open today; all: closed ones too, to name ' +
          'the unit of an older request or filter statistics',
      ),
  })
  .strict();

@ApiTags('org')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  private readonly orgUnits: OrgUnitsRepository;
  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.orgUnits = new OrgUnitsRepository(dataSource);
  }

  /** Divisions with their units, for forms and filters; a closed unit takes no new requests, so forms never see it. */
  @Get('units')
  @Can('read', 'Org')
  @ApiQueryFrom(unitsQuery)
  @ApiOkResponse({
    description: 'Divisions by code, each with its units (by default those open today)',
    schema: openApiResponseSchema(divisionsSchema),
  })
  @ApiProblems(400, 401)
  async units(@Query() query: unknown): Promise<Division[]> {
    const { status } = parseBody(unitsQuery, query);
    const all = await this.orgUnits.all('code');
    // A unit of a closed division is closed with it.
    const closed = new Set(all.filter((r) => !r.open).map((r) => r.id));
    const rows =
      status === 'all'
        ? all
        : all.filter((r) => !closed.has(r.id) && !(r.parentId && closed.has(r.parentId)));
    return rows
      .filter((r) => r.level === 'division')
      .map((d) => ({
        id: d.id,
        code: d.code,
        name: d.name,
        budgetSek: d.budgetSek,
        units: rows.filter((u) => u.parentId === d.id).map((u) => ({ id: u.id, code: u.code, name: u.name })),
      }));
  }
}
