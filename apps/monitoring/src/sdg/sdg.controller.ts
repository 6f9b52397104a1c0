import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  listSdgGoalsQuerySchema,
  listSdgIndicatorsQuerySchema,
  listSdgTargetsQuerySchema,
  MonitoringSubject,
  type ListSdgIndicatorsQuery,
  type ListSdgTargetsQuery,
  type SdgGoal,
  type SdgIndicator,
  type SdgTarget,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { SdgCatalogueService } from './sdg-catalogue.service';

@Controller()
export class SdgController {
  constructor(private readonly catalogue: SdgCatalogueService) {}

  @MessagePattern(MonitoringSubject.ListSdgGoals)
  goals(@Payload(new ZodValidationPipe(listSdgGoalsQuerySchema)) _query: unknown): SdgGoal[] {
    return this.catalogue.goals();
  }

  @MessagePattern(MonitoringSubject.ListSdgTargets)
  targets(@Payload(new ZodValidationPipe(listSdgTargetsQuerySchema)) query: ListSdgTargetsQuery): SdgTarget[] {
    return this.catalogue.targets(query);
  }

  @MessagePattern(MonitoringSubject.ListSdgIndicators)
  indicators(@Payload(new ZodValidationPipe(listSdgIndicatorsQuerySchema)) query: ListSdgIndicatorsQuery): SdgIndicator[] {
    return this.catalogue.indicators(query);
  }
}
