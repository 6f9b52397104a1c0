import { Controller } from '@nestjs/common';
import { type ContractPayload, type OfficialRegion, StakeholdersContracts } from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { RegionsService } from './regions.service';

@Controller()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Handles(StakeholdersContracts.SearchRegions)
  search(query: ContractPayload<typeof StakeholdersContracts.SearchRegions>): OfficialRegion[] {
    return this.regions.search(query);
  }

  @Handles(StakeholdersContracts.GetRegions)
  get(query: ContractPayload<typeof StakeholdersContracts.GetRegions>): OfficialRegion[] {
    return this.regions.get(query);
  }
}
