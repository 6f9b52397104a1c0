import { Controller } from '@nestjs/common';
import {
  type StakeholderMapView,
  StakeholdersContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { StakeholderMapsService } from './stakeholder-maps.service';

@Controller()
export class StakeholderMapsController {
  constructor(private readonly maps: StakeholderMapsService) {}

  @Handles(StakeholdersContracts.PutStakeholderMap)
  put(command: ContractPayload<typeof StakeholdersContracts.PutStakeholderMap>): Promise<StakeholderMapView> {
    return this.maps.put(command);
  }

  @Handles(StakeholdersContracts.GetStakeholderMap)
  get(query: ContractPayload<typeof StakeholdersContracts.GetStakeholderMap>): Promise<StakeholderMapView> {
    return this.maps.get(query);
  }
}
