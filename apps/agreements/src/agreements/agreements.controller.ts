import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { z } from 'zod';
import {
  AgreementsSubject,
  amendAgreementCommandSchema,
  amendMembershipCommandSchema,
  createAgreementCommandSchema,
  declineCommandSchema,
  diffVersionsQuerySchema,
  getAgreementQuerySchema,
  listAgreementsQuerySchema,
  listTemplatesQuerySchema,
  openSigningCommandSchema,
  renderPdfQuerySchema,
  reviseAgreementCommandSchema,
  signCommandSchema,
  versionQuerySchema,
  type Agreement,
  type AgreementPdf,
  type AgreementSummary,
  type AgreementTemplate,
  type AgreementVersion,
  type AmendAgreementCommand,
  type AmendMembershipCommand,
  type AmendmentReceipt,
  type CreateAgreementCommand,
  type DeclineCommand,
  type DeclineReceipt,
  type DiffVersionsQuery,
  type GetAgreementQuery,
  type ListAgreementsQuery,
  type OpenedRound,
  type OpenSigningCommand,
  type RenderPdfQuery,
  type ReviseAgreementCommand,
  type RevisionReceipt,
  type SignatureReceipt,
  type SignCommand,
  type VerificationReport,
  type VersionDiff,
  type VersionQuery,
} from '@mitra/contracts';
import { ZodValidationPipe } from '@mitra/platform';
import { AgreementsService } from './agreements.service';

/** Every payload is checked against its contract, whoever sent it. */
const valid = (schema: z.ZodType): ParameterDecorator => Payload(new ZodValidationPipe(schema));

@Controller()
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @MessagePattern(AgreementsSubject.ListTemplates)
  templates(@valid(listTemplatesQuerySchema) _query: unknown): AgreementTemplate[] {
    return this.agreements.templates();
  }

  @MessagePattern(AgreementsSubject.CreateAgreement)
  create(@valid(createAgreementCommandSchema) command: CreateAgreementCommand): Promise<Agreement> {
    return this.agreements.create(command);
  }

  @MessagePattern(AgreementsSubject.GetAgreement)
  get(@valid(getAgreementQuerySchema) query: GetAgreementQuery): Promise<Agreement> {
    return this.agreements.get(query);
  }

  @MessagePattern(AgreementsSubject.ListAgreements)
  list(@valid(listAgreementsQuerySchema) query: ListAgreementsQuery): Promise<AgreementSummary[]> {
    return this.agreements.list(query);
  }

  @MessagePattern(AgreementsSubject.ReviseAgreement)
  revise(@valid(reviseAgreementCommandSchema) command: ReviseAgreementCommand): Promise<RevisionReceipt> {
    return this.agreements.revise(command);
  }

  @MessagePattern(AgreementsSubject.AmendMembership)
  amendMembership(@valid(amendMembershipCommandSchema) command: AmendMembershipCommand): Promise<AmendmentReceipt> {
    return this.agreements.amendMembership(command);
  }

  @MessagePattern(AgreementsSubject.AmendAgreement)
  amend(@valid(amendAgreementCommandSchema) command: AmendAgreementCommand): Promise<AmendmentReceipt> {
    return this.agreements.amend(command);
  }

  @MessagePattern(AgreementsSubject.GetVersion)
  version(@valid(versionQuerySchema) query: VersionQuery): Promise<AgreementVersion> {
    return this.agreements.version(query);
  }

  @MessagePattern(AgreementsSubject.DiffVersions)
  diff(@valid(diffVersionsQuerySchema) query: DiffVersionsQuery): Promise<VersionDiff> {
    return this.agreements.diff(query);
  }

  @MessagePattern(AgreementsSubject.VerifyVersion)
  verify(@valid(versionQuerySchema) query: VersionQuery): Promise<VerificationReport> {
    return this.agreements.verify(query);
  }

  @MessagePattern(AgreementsSubject.RenderVersionPdf)
  pdf(@valid(renderPdfQuerySchema) query: RenderPdfQuery): Promise<AgreementPdf> {
    return this.agreements.pdf(query);
  }

  @MessagePattern(AgreementsSubject.OpenSigning)
  openSigning(@valid(openSigningCommandSchema) command: OpenSigningCommand): Promise<OpenedRound> {
    return this.agreements.openSigning(command);
  }

  @MessagePattern(AgreementsSubject.Sign)
  sign(@valid(signCommandSchema) command: SignCommand): Promise<SignatureReceipt> {
    return this.agreements.sign(command);
  }

  @MessagePattern(AgreementsSubject.Decline)
  decline(@valid(declineCommandSchema) command: DeclineCommand): Promise<DeclineReceipt> {
    return this.agreements.decline(command);
  }
}
