import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  getStakeholderMapQuerySchema,
  putStakeholderMapCommandSchema,
  StakeholdersSubject,
  type GetStakeholderMapQuery,
  type PutStakeholderMapCommand,
  type StakeholderMapView,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { StakeholderMapsService } from './stakeholder-maps.service';

@Controller()
export class StakeholderMapsController {
  constructor(private readonly maps: StakeholderMapsService) {}

  @MessagePattern(StakeholdersSubject.PutStakeholderMap)
  put(@Payload(new ZodValidationPipe(putStakeholderMapCommandSchema)) command: PutStakeholderMapCommand): Promise<StakeholderMapView> {
    return this.maps.put(command);
  }

  @MessagePattern(StakeholdersSubject.GetStakeholderMap)
  get(@Payload(new ZodValidationPipe(getStakeholderMapQuerySchema)) query: GetStakeholderMapQuery): Promise<StakeholderMapView> {
    return this.maps.get(query);
  }
}
