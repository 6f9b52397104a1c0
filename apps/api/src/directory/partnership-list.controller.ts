import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  partnershipHealths,
  partnershipListQuerySchema,
  stageIds,
  type Actor,
  type PartnershipList,
  type PartnershipListQuery,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone } from '../auth/access-policy';
import { viewersOf } from '../inbox-projection/projection-documents';
import { ProjectionStore } from '../inbox-projection/projection-store';

@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipListController {
  constructor(private readonly projection: ProjectionStore) {}

  @Get()
  @ApiOperation({
    summary:
      'The partnerships the signed-in user may see, by name, a page at a time, filterable by stage, SDG goal, region and health',
  })
  @ApiQuery({ name: 'stage', required: false, enum: stageIds })
  @ApiQuery({ name: 'sdg', required: false, type: Number })
  @ApiQuery({ name: 'region', required: false, description: 'a province or regency/city' })
  @ApiQuery({ name: 'health', required: false, enum: partnershipHealths })
  @ApiQuery({ name: 'cursor', required: false, description: 'the nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @Access({ roles: everyone })
  async list(
    @Query(new ZodValidationPipe(partnershipListQuerySchema)) query: PartnershipListQuery,
    @CurrentActor() actor: Actor,
  ): Promise<PartnershipList> {
    return { ...(await this.projection.listPage(viewersOf(actor), query)), unavailable: [] };
  }
}
