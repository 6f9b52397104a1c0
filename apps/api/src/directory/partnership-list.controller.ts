import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { partnershipHealths, partnershipListQuerySchema, stageIds, type Actor, type PartnershipList, type PartnershipListQuery } from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone } from '../auth/access-policy';
import { PartnershipDirectory } from './partnership-directory.service';

@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipListController {
  constructor(private readonly directory: PartnershipDirectory) {}

  @Get()
  @ApiOperation({ summary: 'The partnerships the signed-in user may see, filterable by stage, SDG goal, region and health' })
  @ApiQuery({ name: 'stage', required: false, enum: stageIds })
  @ApiQuery({ name: 'sdg', required: false, type: Number })
  @ApiQuery({ name: 'region', required: false, description: 'a province or regency/city' })
  @ApiQuery({ name: 'health', required: false, enum: partnershipHealths })
  @Access({ roles: everyone })
  async list(@Query(new ZodValidationPipe(partnershipListQuerySchema)) query: PartnershipListQuery, @CurrentActor() actor: Actor): Promise<PartnershipList> {
    const unavailable = new Set<string>();
    const items = await this.directory.listItems(actor, query, unavailable);
    return { items, unavailable: [...unavailable] };
  }
}
