import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  regionCodeSchema,
  regionSearchParamsSchema,
  type Actor,
  type OfficialRegion,
  StakeholdersContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone } from '../auth/access-policy';
import { jsonSchemaOf } from '../openapi/json-schema';

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: "Search Indonesia's official regions (Ministry of Home Affairs codes)",
    description:
      '`name`: beginnings of the words of the name, in any order ("sumur band"); `level`: province, regency, district or village; ' +
      '`within`: a region code, its sub-regions only; `limit` 1–50, default 20. Provinces first, then by name.',
  })
  @ApiQuery({
    name: 'query',
    required: false,
    schema: jsonSchemaOf(regionSearchParamsSchema),
    style: 'form',
    explode: true,
  })
  @Access({ roles: everyone })
  search(
    @Query(new ZodValidationPipe(regionSearchParamsSchema)) params: z.output<typeof regionSearchParamsSchema>,
    @CurrentActor() actor: Actor,
  ): Promise<OfficialRegion[]> {
    return this.services.send(StakeholdersContracts.SearchRegions, { actor, ...params });
  }

  @Get(':code')
  @ApiOperation({ summary: 'One official region, with the names of the regions above it' })
  @Access({ roles: everyone })
  async get(
    @Param('code', new ZodValidationPipe(regionCodeSchema, 'code')) code: string,
    @CurrentActor() actor: Actor,
  ): Promise<OfficialRegion> {
    const [region] = await this.services.send(StakeholdersContracts.GetRegions, { actor, codes: [code] });
    return region!;
  }
}
