import {
  actsForPayload,
  everyone,
  staff,
  writers,
  type PayloadPartnershipLocator,
} from '../common/access-policy';
import type { ContractPayload } from '../common/contract';
import { contractTimeouts, defineCommand, defineQuery, listReply, recordReply } from '../common/contract';
import {
  amendAgreementCommandSchema,
  amendMembershipCommandSchema,
  createAgreementCommandSchema,
  declineCommandSchema,
  diffVersionsQuerySchema,
  enrolKeyCommandSchema,
  getAgreementQuerySchema,
  getKeyQuerySchema,
  listAgreementsQuerySchema,
  listTemplatesQuerySchema,
  openSigningCommandSchema,
  renderPdfQuerySchema,
  reviseAgreementCommandSchema,
  revokeKeyCommandSchema,
  signCommandSchema,
  versionQuerySchema,
} from './commands';
import type {
  Agreement,
  AgreementPdf,
  AgreementSummary,
  AgreementTemplate,
  AgreementVersion,
  AmendmentReceipt,
  DeclineReceipt,
  OpenedRound,
  RevisionReceipt,
  SignatureReceipt,
  SigningKey,
  VerificationReport,
  VersionDiff,
} from './views';

const agreementAt = (path: string): PayloadPartnershipLocator => ({ in: 'payload', path, of: 'agreement' });
const agreement = agreementAt('agreementId');

/** The agreements service's commands and queries. */
export const AgreementsContracts = {
  ListTemplates: defineQuery({
    subject: 'agreements.template.list',
    payload: listTemplatesQuerySchema,
    reply: listReply<AgreementTemplate>(),
    access: { roles: everyone },
  }),
  CreateAgreement: defineCommand({
    subject: 'agreements.agreement.create',
    payload: createAgreementCommandSchema,
    reply: recordReply<Agreement>(),
    access: { roles: staff, partnership: { in: 'payload', path: 'agreement.partnershipId' } },
  }),
  GetAgreement: defineQuery({
    subject: 'agreements.agreement.get',
    payload: getAgreementQuerySchema,
    reply: recordReply<Agreement>(),
    access: { roles: everyone, partnership: agreementAt('id') },
  }),
  ListAgreements: defineQuery({
    subject: 'agreements.agreement.list',
    payload: listAgreementsQuerySchema,
    reply: listReply<AgreementSummary>(),
    access: {
      roles: everyone,
      partnership: { in: 'payload', path: 'partnershipId' },
      reply: 'partnershipList',
    },
  }),
  ReviseAgreement: defineCommand({
    subject: 'agreements.agreement.revise',
    payload: reviseAgreementCommandSchema,
    reply: recordReply<RevisionReceipt>(),
    access: { roles: staff, partnership: agreement },
  }),
  AmendAgreement: defineCommand({
    subject: 'agreements.agreement.amend',
    payload: amendAgreementCommandSchema,
    reply: recordReply<AmendmentReceipt>(),
    access: { roles: staff, partnership: agreement },
  }),
  /** Sent by the lifecycle workflow when a partner joins or leaves. */
  AmendMembership: defineCommand({
    subject: 'agreements.agreement.amend-membership',
    payload: amendMembershipCommandSchema,
    reply: recordReply<AmendmentReceipt>(),
    access: { roles: staff, partnership: agreement },
  }),
  GetVersion: defineQuery({
    subject: 'agreements.version.get',
    payload: versionQuerySchema,
    reply: recordReply<AgreementVersion>(),
    access: { roles: everyone, partnership: agreement },
  }),
  DiffVersions: defineQuery({
    subject: 'agreements.version.diff',
    payload: diffVersionsQuerySchema,
    reply: recordReply<VersionDiff>(),
    access: { roles: everyone, partnership: agreement },
  }),
  VerifyVersion: defineQuery({
    subject: 'agreements.version.verify',
    payload: versionQuerySchema,
    reply: recordReply<VerificationReport>(),
    access: { roles: everyone, partnership: agreement },
    timeoutMs: contractTimeouts.heavy,
  }),
  RenderVersionPdf: defineQuery({
    subject: 'agreements.version.pdf',
    payload: renderPdfQuerySchema,
    reply: recordReply<AgreementPdf>(),
    access: { roles: everyone, partnership: agreement },
    timeoutMs: contractTimeouts.heavy,
  }),
  OpenSigning: defineCommand({
    subject: 'agreements.signing.open',
    payload: openSigningCommandSchema,
    reply: recordReply<OpenedRound>(),
    access: { roles: staff, partnership: agreement },
  }),
  Sign: defineCommand({
    subject: 'agreements.signing.sign',
    payload: signCommandSchema,
    reply: recordReply<SignatureReceipt>(),
    access: { roles: writers, partnership: agreement, actsFor: [actsForPayload('signature.organisationId')] },
  }),
  Decline: defineCommand({
    subject: 'agreements.signing.decline',
    payload: declineCommandSchema,
    reply: recordReply<DeclineReceipt>(),
    access: { roles: writers, partnership: agreement, actsFor: [actsForPayload('decline.organisationId')] },
  }),
  EnrolKey: defineCommand({
    subject: 'agreements.key.enrol',
    payload: enrolKeyCommandSchema,
    reply: recordReply<SigningKey>(),
    access: { roles: writers, actsFor: [actsForPayload('key.organisationId')] },
  }),
  GetKey: defineQuery({
    subject: 'agreements.key.get',
    payload: getKeyQuerySchema,
    reply: recordReply<SigningKey>(),
    access: { roles: everyone },
  }),
  RevokeKey: defineCommand({
    subject: 'agreements.key.revoke',
    payload: revokeKeyCommandSchema,
    reply: recordReply<SigningKey>(),
    access: { roles: writers },
  }),
} as const;

/** What a caller sends (`ContractInput`) or a handler receives (`ContractPayload`), by the names the code uses. */
export type CreateAgreementCommand = ContractPayload<typeof AgreementsContracts.CreateAgreement>;
export type ReviseAgreementCommand = ContractPayload<typeof AgreementsContracts.ReviseAgreement>;
export type AmendAgreementCommand = ContractPayload<typeof AgreementsContracts.AmendAgreement>;
export type AmendMembershipCommand = ContractPayload<typeof AgreementsContracts.AmendMembership>;
export type GetAgreementQuery = ContractPayload<typeof AgreementsContracts.GetAgreement>;
export type ListAgreementsQuery = ContractPayload<typeof AgreementsContracts.ListAgreements>;
export type ListTemplatesQuery = ContractPayload<typeof AgreementsContracts.ListTemplates>;
export type VersionQuery = ContractPayload<typeof AgreementsContracts.GetVersion>;
export type DiffVersionsQuery = ContractPayload<typeof AgreementsContracts.DiffVersions>;
export type RenderPdfQuery = ContractPayload<typeof AgreementsContracts.RenderVersionPdf>;
export type OpenSigningCommand = ContractPayload<typeof AgreementsContracts.OpenSigning>;
export type SignCommand = ContractPayload<typeof AgreementsContracts.Sign>;
export type DeclineCommand = ContractPayload<typeof AgreementsContracts.Decline>;
export type EnrolKeyCommand = ContractPayload<typeof AgreementsContracts.EnrolKey>;
export type RevokeKeyCommand = ContractPayload<typeof AgreementsContracts.RevokeKey>;
export type GetKeyQuery = ContractPayload<typeof AgreementsContracts.GetKey>;
