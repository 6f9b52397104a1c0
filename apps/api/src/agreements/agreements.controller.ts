import { Body, Controller, Get, Header, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  agreementKinds,
  amendAgreementInputSchema,
  cancelRoundInputSchema,
  createAgreementInputSchema,
  declineInputSchema,
  languages,
  objectIdSchema,
  openSigningInputSchema,
  reviseAgreementInputSchema,
  signInputSchema,
  type Actor,
  type Agreement,
  type AgreementSummary,
  type AgreementTemplate,
  type AgreementVersion,
  type AmendAgreementCommand,
  type AmendAgreementInput,
  type AmendmentReceipt,
  type CancelRoundCommand,
  type CancelRoundInput,
  type CreateAgreementCommand,
  type CreateAgreementInput,
  type DeclineCommand,
  type DeclineInput,
  type DeclineReceipt,
  type DiffVersionsQuery,
  type ListAgreementsQuery,
  type OpenedRound,
  type OpenSigningCommand,
  type OpenSigningInput,
  type RenderPdfQuery,
  type ReviseAgreementCommand,
  type ReviseAgreementInput,
  type RevisionReceipt,
  type SignatureReceipt,
  type SignCommand,
  type SignInput,
  type SigningRound,
  type VerificationReport,
  type VersionDiff,
  type VersionQuery,
  AgreementsContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { CurrentActor } from '../actor/current-actor.decorator';
import { Access, everyone, staff, writers, type PartnershipLocator } from '../auth/access-policy';
import { IdempotencyKey } from '../actor/idempotency-key.decorator';
import { jsonSchemaOf } from '../openapi/json-schema';

const versionNumberParam = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100_000);
const listQuerySchema = z.strictObject({
  partnershipId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const diffQuerySchema = z.strictObject({
  from: versionNumberParam,
  to: versionNumberParam,
  language: z.enum(languages).default('id'),
});
const pdfQuerySchema = z.strictObject({ language: z.enum(languages).default('id') });

const id = () => Param('id', new ZodValidationPipe(objectIdSchema, 'id'));
const versionNumber = () => Param('number', new ZodValidationPipe(versionNumberParam, 'number'));
const roundNumber = () => Param('round', new ZodValidationPipe(versionNumberParam, 'round'));
/** Agreement routes concern the agreement's partnership. */
const agreement: PartnershipLocator = { in: 'agreement', name: 'id', schema: objectIdSchema };

@ApiTags('agreements')
@Controller()
export class AgreementsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('agreement-templates')
  @ApiOperation({
    summary: `The agreement templates (${agreementKinds.join(', ')}) and their clauses, in Bahasa Indonesia and English`,
  })
  @Access({ roles: everyone })
  templates(@CurrentActor() actor: Actor): Promise<AgreementTemplate[]> {
    return this.services.send(AgreementsContracts.ListTemplates, { actor });
  }

  @Get('agreements')
  @ApiOperation({ summary: 'List agreements, newest first, optionally of one partnership' })
  @Access({
    roles: everyone,
    partnership: { in: 'query', name: 'partnershipId', schema: listQuerySchema.shape.partnershipId.unwrap() },
    reply: 'partnershipList',
  })
  list(
    @Query(new ZodValidationPipe(listQuerySchema)) query: z.infer<typeof listQuerySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementSummary[]> {
    const message: ListAgreementsQuery = { actor, ...query };
    return this.services.send(AgreementsContracts.ListAgreements, message);
  }

  @Post('agreements')
  @ApiOperation({ summary: 'Draft an MoU (mou) or cooperation agreement (pks) from a template: version 1' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(createAgreementInputSchema) })
  @Access({
    roles: staff,
    partnership: {
      in: 'body',
      name: 'partnershipId',
      schema: createAgreementInputSchema.shape.partnershipId,
    },
  })
  create(
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(createAgreementInputSchema)) agreement: CreateAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<Agreement> {
    const command: CreateAgreementCommand = { idempotencyKey, actor, agreement };
    return this.services.send(AgreementsContracts.CreateAgreement, command);
  }

  @Get('agreements/:id')
  @ApiOperation({
    summary:
      'Read an agreement: versions, signing rounds, declines with reasons, pending signatures with due dates',
  })
  @Access({ roles: everyone, partnership: agreement })
  get(@id() agreementId: string, @CurrentActor() actor: Actor): Promise<Agreement> {
    return this.services.send(AgreementsContracts.GetAgreement, { actor, id: agreementId });
  }

  @Post('agreements/:id/versions')
  @ApiOperation({ summary: 'Change a draft: a new numbered version from the latest (baseVersion)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(reviseAgreementInputSchema) })
  @Access({ roles: staff, partnership: agreement })
  revise(
    @id() agreementId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(reviseAgreementInputSchema)) revision: ReviseAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<RevisionReceipt> {
    const command: ReviseAgreementCommand = { idempotencyKey, actor, agreementId, revision };
    return this.services.send(AgreementsContracts.ReviseAgreement, command);
  }

  @Post('agreements/:id/amendments')
  @ApiOperation({ summary: 'Amend an agreement in force: a new version that only the affected parties sign' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(amendAgreementInputSchema) })
  @Access({ roles: staff, partnership: agreement })
  amend(
    @id() agreementId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(amendAgreementInputSchema)) amendment: AmendAgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<AmendmentReceipt> {
    const command: AmendAgreementCommand = { idempotencyKey, actor, agreementId, amendment };
    return this.services.send(AgreementsContracts.AmendAgreement, command);
  }

  @Get('agreements/:id/versions/:number')
  @ApiOperation({ summary: 'Read one version: its content (fields and both renderings) and content hash' })
  @Access({ roles: everyone, partnership: agreement })
  version(
    @id() agreementId: string,
    @versionNumber() number: number,
    @CurrentActor() actor: Actor,
  ): Promise<AgreementVersion> {
    const query: VersionQuery = { actor, agreementId, versionNumber: number };
    return this.services.send(AgreementsContracts.GetVersion, query);
  }

  @Get('agreements/:id/diff')
  @ApiOperation({ summary: 'What changed between two versions, clause by clause and line by line' })
  @Access({ roles: everyone, partnership: agreement })
  diff(
    @id() agreementId: string,
    @Query(new ZodValidationPipe(diffQuerySchema)) query: z.infer<typeof diffQuerySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<VersionDiff> {
    const message: DiffVersionsQuery = { actor, agreementId, ...query };
    return this.services.send(AgreementsContracts.DiffVersions, message);
  }

  @Get('agreements/:id/versions/:number/verification')
  @ApiOperation({ summary: 'Recompute the content hash and check every signature against the enrolled keys' })
  @Access({ roles: everyone, partnership: agreement })
  verify(
    @id() agreementId: string,
    @versionNumber() number: number,
    @CurrentActor() actor: Actor,
  ): Promise<VerificationReport> {
    const query: VersionQuery = { actor, agreementId, versionNumber: number };
    return this.services.send(AgreementsContracts.VerifyVersion, query);
  }

  @Get('agreements/:id/versions/:number/pdf')
  @ApiOperation({ summary: 'The version as PDF, with a signature page and the document hash' })
  @ApiProduces('application/pdf')
  @Header('Content-Type', 'application/pdf')
  @Access({ roles: everyone, partnership: agreement })
  async pdf(
    @id() agreementId: string,
    @versionNumber() number: number,
    @Query(new ZodValidationPipe(pdfQuerySchema)) query: z.infer<typeof pdfQuerySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const message: RenderPdfQuery = { actor, agreementId, versionNumber: number, language: query.language };
    const pdf = await this.services.send(AgreementsContracts.RenderVersionPdf, message);
    return new StreamableFile(Buffer.from(pdf.contentBase64, 'base64'), {
      type: 'application/pdf',
      disposition: `inline; filename="${pdf.fileName}"`,
    });
  }

  @Post('agreements/:id/signing-rounds')
  @ApiOperation({
    summary: 'Open the latest version for signature by its parties, in parallel or in order, until an expiry',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(openSigningInputSchema) })
  @Access({ roles: staff, partnership: agreement })
  openSigning(
    @id() agreementId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(openSigningInputSchema)) signing: OpenSigningInput,
    @CurrentActor() actor: Actor,
  ): Promise<OpenedRound> {
    const command: OpenSigningCommand = { idempotencyKey, actor, agreementId, signing };
    return this.services.send(AgreementsContracts.OpenSigning, command);
  }

  @Post('agreements/:id/signing-rounds/:round/cancellation')
  @ApiOperation({
    summary:
      'End the open signing round, with a reason every party sees; a membership change queued behind it is amended next',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(cancelRoundInputSchema) })
  @Access({ roles: staff, partnership: agreement })
  cancelRound(
    @id() agreementId: string,
    @roundNumber() round: number,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(cancelRoundInputSchema)) cancellation: CancelRoundInput,
    @CurrentActor() actor: Actor,
  ): Promise<SigningRound> {
    const command: CancelRoundCommand = {
      idempotencyKey,
      actor,
      agreementId,
      roundNumber: round,
      cancellation,
    };
    return this.services.send(AgreementsContracts.CancelRound, command);
  }

  @Post('agreements/:id/versions/:number/signatures')
  @ApiOperation({
    summary:
      "Submit a party's Ed25519 signature over the version's content hash, made with the signer's own key",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(signInputSchema) })
  @Access({ roles: writers, partnership: agreement, actsFor: [{ in: 'body', path: 'organisationId' }] })
  sign(
    @id() agreementId: string,
    @versionNumber() number: number,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(signInputSchema)) signature: SignInput,
    @CurrentActor() actor: Actor,
  ): Promise<SignatureReceipt> {
    const command: SignCommand = { idempotencyKey, actor, agreementId, versionNumber: number, signature };
    return this.services.send(AgreementsContracts.Sign, command);
  }

  @Post('agreements/:id/versions/:number/declines')
  @ApiOperation({ summary: 'Decline to sign, with a reason every party sees' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiBody({ schema: jsonSchemaOf(declineInputSchema) })
  @Access({ roles: writers, partnership: agreement, actsFor: [{ in: 'body', path: 'organisationId' }] })
  decline(
    @id() agreementId: string,
    @versionNumber() number: number,
    @IdempotencyKey() idempotencyKey: string,
    @Body(new ZodValidationPipe(declineInputSchema)) decline: DeclineInput,
    @CurrentActor() actor: Actor,
  ): Promise<DeclineReceipt> {
    const command: DeclineCommand = { idempotencyKey, actor, agreementId, versionNumber: number, decline };
    return this.services.send(AgreementsContracts.Decline, command);
  }
}
