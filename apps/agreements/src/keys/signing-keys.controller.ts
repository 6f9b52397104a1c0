import { Controller } from '@nestjs/common';
import {
  type SigningKey,
  AgreementsContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { SigningKeysService } from './signing-keys.service';

@Controller()
export class SigningKeysController {
  constructor(private readonly keys: SigningKeysService) {}

  @Handles(AgreementsContracts.EnrolKey)
  enrol(command: ContractPayload<typeof AgreementsContracts.EnrolKey>): Promise<SigningKey> {
    return this.keys.enrol(command);
  }

  @Handles(AgreementsContracts.RevokeKey)
  revoke(command: ContractPayload<typeof AgreementsContracts.RevokeKey>): Promise<SigningKey> {
    return this.keys.revoke(command);
  }

  @Handles(AgreementsContracts.GetKey)
  get(query: ContractPayload<typeof AgreementsContracts.GetKey>): Promise<SigningKey> {
    return this.keys.get(query);
  }
}
