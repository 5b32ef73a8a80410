import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { divisionsSchema, type Division } from '@contracts/org';
import { ApiProblems } from '../common/openapi-responses';
import { openApiResponseSchema } from '../common/openapi-schema';
import type { DataSource } from 'typeorm';
import { OrgUnitsRepository } from '@db/repositories/org-units.repository';
import { Can } from '../auth/allow.decorator';
import { DATA_SOURCE } from '../tokens';

@ApiTags('org')
@ApiBearerAuth()
@Controller('org')
export class OrgController {
  private readonly orgUnits: OrgUnitsRepository;
  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.orgUnits = new OrgUnitsRepository(dataSource);
  }

  /** Divisions with their units, for forms and filters. */
  @Get('units')
  @Can('read', 'Org')
  @ApiOkResponse({
    description: 'Divisions by code, each with its units',
    schema: openApiResponseSchema(divisionsSchema),
  })
  @ApiProblems(401)
  async units(): Promise<Division[]> {
    const rows = await this.orgUnits.all('code');
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
