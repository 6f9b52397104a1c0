import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AgreementsSubject,
  enrolKeyCommandSchema,
  getKeyQuerySchema,
  revokeKeyCommandSchema,
  type EnrolKeyCommand,
  type GetKeyQuery,
  type RevokeKeyCommand,
  type SigningKey,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { SigningKeysService } from './signing-keys.service';

@Controller()
export class SigningKeysController {
  constructor(private readonly keys: SigningKeysService) {}

  @MessagePattern(AgreementsSubject.EnrolKey)
  enrol(@Payload(new ZodValidationPipe(enrolKeyCommandSchema)) command: EnrolKeyCommand): Promise<SigningKey> {
    return this.keys.enrol(command);
  }

  @MessagePattern(AgreementsSubject.RevokeKey)
  revoke(@Payload(new ZodValidationPipe(revokeKeyCommandSchema)) command: RevokeKeyCommand): Promise<SigningKey> {
    return this.keys.revoke(command);
  }

  @MessagePattern(AgreementsSubject.GetKey)
  get(@Payload(new ZodValidationPipe(getKeyQuerySchema)) query: GetKeyQuery): Promise<SigningKey> {
    return this.keys.get(query);
  }
}
