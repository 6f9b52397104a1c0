import { z } from 'zod';
import {
  actsForPayload,
  everyone,
  staff,
  writers,
  type PayloadPartnershipLocator,
} from '../common/access-policy';
import type { ContractPayload } from '../common/contract';
import { contractTimeouts, defineCommand, defineQuery } from '../common/contract';
import {
  amendAgreementCommandSchema,
  amendMembershipCommandSchema,
  cancelRoundCommandSchema,
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
import {
  agreementPdfSchema,
  agreementSchema,
  agreementSummarySchema,
  agreementTemplateSchema,
  agreementVersionSchema,
  amendmentReceiptSchema,
  membershipChangeReceiptSchema,
  declineReceiptSchema,
  openedRoundSchema,
  revisionReceiptSchema,
  signatureReceiptSchema,
  signingKeySchema,
  signingRoundSchema,
  verificationReportSchema,
  versionDiffSchema,
} from './views';

const agreementAt = (path: string): PayloadPartnershipLocator => ({ in: 'payload', path, of: 'agreement' });
const agreement = agreementAt('agreementId');

/** The agreements service's commands and queries. */
export const AgreementsContracts = {
  ListTemplates: defineQuery({
    subject: 'agreements.template.list',
    payload: listTemplatesQuerySchema,
    reply: z.array(agreementTemplateSchema),
    access: { roles: everyone },
  }),
  CreateAgreement: defineCommand({
    subject: 'agreements.agreement.create',
    payload: createAgreementCommandSchema,
    reply: agreementSchema,
    access: { roles: staff, partnership: { in: 'payload', path: 'agreement.partnershipId' } },
  }),
  GetAgreement: defineQuery({
    subject: 'agreements.agreement.get',
    payload: getAgreementQuerySchema,
    reply: agreementSchema,
    access: { roles: everyone, partnership: agreementAt('id') },
  }),
  ListAgreements: defineQuery({
    subject: 'agreements.agreement.list',
    payload: listAgreementsQuerySchema,
    reply: z.array(agreementSummarySchema),
    access: {
      roles: everyone,
      partnership: { in: 'payload', path: 'partnershipId' },
      reply: 'partnershipList',
    },
  }),
  ReviseAgreement: defineCommand({
    subject: 'agreements.agreement.revise',
    payload: reviseAgreementCommandSchema,
    reply: revisionReceiptSchema,
    access: { roles: staff, partnership: agreement },
  }),
  AmendAgreement: defineCommand({
    subject: 'agreements.agreement.amend',
    payload: amendAgreementCommandSchema,
    reply: amendmentReceiptSchema,
    access: { roles: staff, partnership: agreement },
  }),
  /** Sent by the lifecycle workflow when a partner joins or leaves. */
  AmendMembership: defineCommand({
    subject: 'agreements.agreement.amend-membership',
    payload: amendMembershipCommandSchema,
    reply: membershipChangeReceiptSchema,
    access: { roles: staff, partnership: agreement },
  }),
  GetVersion: defineQuery({
    subject: 'agreements.version.get',
    payload: versionQuerySchema,
    reply: agreementVersionSchema,
    access: { roles: everyone, partnership: agreement },
  }),
  DiffVersions: defineQuery({
    subject: 'agreements.version.diff',
    payload: diffVersionsQuerySchema,
    reply: versionDiffSchema,
    access: { roles: everyone, partnership: agreement },
  }),
  VerifyVersion: defineQuery({
    subject: 'agreements.version.verify',
    payload: versionQuerySchema,
    reply: verificationReportSchema,
    access: { roles: everyone, partnership: agreement },
    timeoutMs: contractTimeouts.heavy,
  }),
  RenderVersionPdf: defineQuery({
    subject: 'agreements.version.pdf',
    payload: renderPdfQuerySchema,
    reply: agreementPdfSchema,
    access: { roles: everyone, partnership: agreement },
    timeoutMs: contractTimeouts.heavy,
  }),
  OpenSigning: defineCommand({
    subject: 'agreements.signing.open',
    payload: openSigningCommandSchema,
    reply: openedRoundSchema,
    access: { roles: staff, partnership: agreement },
  }),
  /** A coordinator ends an open round, with a reason; a membership change queued behind it is amended next. */
  CancelRound: defineCommand({
    subject: 'agreements.signing.cancel',
    payload: cancelRoundCommandSchema,
    reply: signingRoundSchema,
    access: { roles: staff, partnership: agreement },
  }),
  Sign: defineCommand({
    subject: 'agreements.signing.sign',
    payload: signCommandSchema,
    reply: signatureReceiptSchema,
    access: { roles: writers, partnership: agreement, actsFor: [actsForPayload('signature.organisationId')] },
  }),
  Decline: defineCommand({
    subject: 'agreements.signing.decline',
    payload: declineCommandSchema,
    reply: declineReceiptSchema,
    access: { roles: writers, partnership: agreement, actsFor: [actsForPayload('decline.organisationId')] },
  }),
  EnrolKey: defineCommand({
    subject: 'agreements.key.enrol',
    payload: enrolKeyCommandSchema,
    reply: signingKeySchema,
    access: { roles: writers, actsFor: [actsForPayload('key.organisationId')] },
  }),
  GetKey: defineQuery({
    subject: 'agreements.key.get',
    payload: getKeyQuerySchema,
    reply: signingKeySchema,
    access: { roles: everyone },
  }),
  RevokeKey: defineCommand({
    subject: 'agreements.key.revoke',
    payload: revokeKeyCommandSchema,
    reply: signingKeySchema,
    access: { roles: writers },
  }),
} as const;

/** What a caller sends (`ContractInput`) or a handler receives (`ContractPayload`), by the names the code uses. */
export type CreateAgreementCommand = ContractPayload<typeof AgreementsContracts.CreateAgreement>;
export type ReviseAgreementCommand = ContractPayload<typeof AgreementsContracts.ReviseAgreement>;
export type AmendAgreementCommand = ContractPayload<typeof AgreementsContracts.AmendAgreement>;
export type AmendMembershipCommand = ContractPayload<typeof AgreementsContracts.AmendMembership>;
export type CancelRoundCommand = ContractPayload<typeof AgreementsContracts.CancelRound>;
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
