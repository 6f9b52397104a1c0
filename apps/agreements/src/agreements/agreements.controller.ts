import { Controller } from '@nestjs/common';
import {
  type Agreement,
  type AgreementPdf,
  type AgreementSummary,
  type AgreementTemplate,
  type AgreementVersion,
  type AmendmentReceipt,
  type DeclineReceipt,
  type MembershipChangeReceipt,
  type SigningRound,
  type OpenedRound,
  type RevisionReceipt,
  type SignatureReceipt,
  type VerificationReport,
  type VersionDiff,
  AgreementsContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { AgreementsService } from './agreements.service';

@Controller()
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Handles(AgreementsContracts.ListTemplates)
  templates(_query: unknown): AgreementTemplate[] {
    return this.agreements.templates();
  }

  @Handles(AgreementsContracts.CreateAgreement)
  create(command: ContractPayload<typeof AgreementsContracts.CreateAgreement>): Promise<Agreement> {
    return this.agreements.create(command);
  }

  @Handles(AgreementsContracts.GetAgreement)
  get(query: ContractPayload<typeof AgreementsContracts.GetAgreement>): Promise<Agreement> {
    return this.agreements.get(query);
  }

  @Handles(AgreementsContracts.ListAgreements)
  list(query: ContractPayload<typeof AgreementsContracts.ListAgreements>): Promise<AgreementSummary[]> {
    return this.agreements.list(query);
  }

  @Handles(AgreementsContracts.ReviseAgreement)
  revise(command: ContractPayload<typeof AgreementsContracts.ReviseAgreement>): Promise<RevisionReceipt> {
    return this.agreements.revise(command);
  }

  @Handles(AgreementsContracts.AmendMembership)
  amendMembership(
    command: ContractPayload<typeof AgreementsContracts.AmendMembership>,
  ): Promise<MembershipChangeReceipt> {
    return this.agreements.amendMembership(command);
  }

  @Handles(AgreementsContracts.CancelRound)
  cancelRound(command: ContractPayload<typeof AgreementsContracts.CancelRound>): Promise<SigningRound> {
    return this.agreements.cancelRound(command);
  }

  @Handles(AgreementsContracts.AmendAgreement)
  amend(command: ContractPayload<typeof AgreementsContracts.AmendAgreement>): Promise<AmendmentReceipt> {
    return this.agreements.amend(command);
  }

  @Handles(AgreementsContracts.GetVersion)
  version(query: ContractPayload<typeof AgreementsContracts.GetVersion>): Promise<AgreementVersion> {
    return this.agreements.version(query);
  }

  @Handles(AgreementsContracts.DiffVersions)
  diff(query: ContractPayload<typeof AgreementsContracts.DiffVersions>): Promise<VersionDiff> {
    return this.agreements.diff(query);
  }

  @Handles(AgreementsContracts.VerifyVersion)
  verify(query: ContractPayload<typeof AgreementsContracts.VerifyVersion>): Promise<VerificationReport> {
    return this.agreements.verify(query);
  }

  @Handles(AgreementsContracts.RenderVersionPdf)
  pdf(query: ContractPayload<typeof AgreementsContracts.RenderVersionPdf>): Promise<AgreementPdf> {
    return this.agreements.pdf(query);
  }

  @Handles(AgreementsContracts.OpenSigning)
  openSigning(command: ContractPayload<typeof AgreementsContracts.OpenSigning>): Promise<OpenedRound> {
    return this.agreements.openSigning(command);
  }

  @Handles(AgreementsContracts.Sign)
  sign(command: ContractPayload<typeof AgreementsContracts.Sign>): Promise<SignatureReceipt> {
    return this.agreements.sign(command);
  }

  @Handles(AgreementsContracts.Decline)
  decline(command: ContractPayload<typeof AgreementsContracts.Decline>): Promise<DeclineReceipt> {
    return this.agreements.decline(command);
  }
}
