import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  enrolKeyInputSchema,
  keyIdSchema,
  revokeKeyInputSchema,
  type Actor,
  type EnrolKeyCommand,
  type EnrolKeyInput,
  type GetKeyQuery,
  type RevokeKeyCommand,
  type RevokeKeyInput,
  type SigningKey,
  AgreementsContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone, writers } from '../auth/access-policy';
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
  @Access({ roles: writers, actsFor: [{ in: 'body', path: 'organisationId' }] })
  enrol(
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(enrolKeyInputSchema)) key: EnrolKeyInput,
    @CurrentActor() actor: Actor,
  ): Promise<SigningKey> {
    const command: EnrolKeyCommand = { idempotencyKey, actor, key };
    return this.services.send(AgreementsContracts.EnrolKey, command);
  }

  @Get(':keyId')
  @ApiOperation({ summary: 'Read an enrolled public key by its fingerprint' })
  @Access({ roles: everyone })
  get(@Param('keyId', new ZodValidationPipe(keyIdSchema, 'keyId')) keyId: string, @CurrentActor() actor: Actor): Promise<SigningKey> {
    const query: GetKeyQuery = { actor, keyId };
    return this.services.send(AgreementsContracts.GetKey, query);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a signing key, with a reason: it signs nothing from now on; signatures it made before stay valid',
    description: "Only the key's owner or an admin. Enrolling a new key for the same signer is a rotation: the older key is revoked as replaced by it.",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(revokeKeyInputSchema) })
  @Access({ roles: writers })
  revoke(
    @Param('keyId', new ZodValidationPipe(keyIdSchema, 'keyId')) keyId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(revokeKeyInputSchema)) revocation: RevokeKeyInput,
    @CurrentActor() actor: Actor,
  ): Promise<SigningKey> {
    const command: RevokeKeyCommand = { idempotencyKey, actor, keyId, revocation };
    return this.services.send(AgreementsContracts.RevokeKey, command);
  }
}
