import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AgreementsSubject,
  enrolKeyInputSchema,
  keyIdSchema,
  type Actor,
  type EnrolKeyCommand,
  type EnrolKeyInput,
  type GetKeyQuery,
  type SigningKey,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';

@ApiTags('agreements')
@Controller('signing-keys')
export class SigningKeysController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({ summary: "Enrol a signer's Ed25519 public key (raw 32 bytes, base64url); the private key never leaves the signer" })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(enrolKeyInputSchema) })
  enrol(
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(enrolKeyInputSchema)) key: EnrolKeyInput,
    @CurrentActor() actor: Actor,
  ): Promise<SigningKey> {
    const command: EnrolKeyCommand = { idempotencyKey, actor, key };
    return this.services.request(AgreementsSubject.EnrolKey, command);
  }

  @Get(':keyId')
  @ApiOperation({ summary: 'Read an enrolled public key by its fingerprint' })
  get(@Param('keyId', new ZodValidationPipe(keyIdSchema, 'keyId')) keyId: string, @CurrentActor() actor: Actor): Promise<SigningKey> {
    const query: GetKeyQuery = { actor, keyId };
    return this.services.request(AgreementsSubject.GetKey, query);
  }
}
