import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  sdgIndicatorSearchParamsSchema,
  sdgTargetSearchParamsSchema,
  type SdgGoal,
  type SdgIndicator,
  type SdgIndicatorSearchParams,
  type SdgTarget,
  type SdgTargetSearchParams,
  MonitoringContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { Public } from '../auth/access-policy';
import { jsonSchemaOf } from '../openapi/json-schema';

@ApiTags('sdg')
@Controller('sdg')
export class SdgController {
  constructor(private readonly services: ServiceClient) {}

  @Get('goals')
  @ApiOperation({ summary: 'The 17 SDGs (public) with their Indonesian (TPB) and English names and titles' })
  @Public()
  goals(): Promise<SdgGoal[]> {
    return this.services.send(MonitoringContracts.ListSdgGoals, {});
  }

  @Get('targets')
  @ApiOperation({ summary: 'SDG targets with Indonesian and English titles; `goal` (1–17) narrows to one goal, `q` finds a code (1.2) or words of the title in `language` (id by default, or en), ignoring case and diacritics' })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchemaOf(sdgTargetSearchParamsSchema), style: 'form', explode: true })
  @Public()
  targets(@Query(new ZodValidationPipe(sdgTargetSearchParamsSchema)) params: SdgTargetSearchParams): Promise<SdgTarget[]> {
    return this.services.send(MonitoringContracts.ListSdgTargets, params);
  }

  @Get('indicators')
  @ApiOperation({ summary: 'SDG global indicators with Indonesian and English titles; `target` is a code prefix (1 or 1.1), `q` finds a code (1.2.1) or words of the title in `language` (id by default, or en), ignoring case and diacritics' })
  @ApiQuery({ name: 'query', required: false, schema: jsonSchemaOf(sdgIndicatorSearchParamsSchema), style: 'form', explode: true })
  @Public()
  indicators(@Query(new ZodValidationPipe(sdgIndicatorSearchParamsSchema)) params: SdgIndicatorSearchParams): Promise<SdgIndicator[]> {
    return this.services.send(MonitoringContracts.ListSdgIndicators, params);
  }
}
