import { Controller } from '@nestjs/common';
import {
  type SdgGoal,
  type SdgIndicator,
  type SdgTarget,
  MonitoringContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { SdgCatalogueService } from './sdg-catalogue.service';

@Controller()
export class SdgController {
  constructor(private readonly catalogue: SdgCatalogueService) {}

  @Handles(MonitoringContracts.ListSdgGoals)
  goals(_query: unknown): SdgGoal[] {
    return this.catalogue.goals();
  }

  @Handles(MonitoringContracts.ListSdgTargets)
  targets(query: ContractPayload<typeof MonitoringContracts.ListSdgTargets>): SdgTarget[] {
    return this.catalogue.targets(query);
  }

  @Handles(MonitoringContracts.ListSdgIndicators)
  indicators(query: ContractPayload<typeof MonitoringContracts.ListSdgIndicators>): SdgIndicator[] {
    return this.catalogue.indicators(query);
  }
}
