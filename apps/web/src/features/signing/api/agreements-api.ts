import type {
  Agreement,
  AgreementKind,
  AgreementSummary,
  AgreementTemplate,
  AgreementVersion,
  CancelRoundInput,
  DeclineInput,
  DeclineReceipt,
  EnrolKeyInput,
  Language,
  OpenedRound,
  Person,
  Representative,
  RevisionReceipt,
  SignatureReceipt,
  SigningKey,
  SigningRound,
  SignInput,
  VerificationReport,
  VersionDiff,
} from '@mitra/contracts';
import { api } from '#shared/api';
import { queryKeys } from '#shared/query';

const agreementPath = (agreementId: string) => `/agreements/${encodeURIComponent(agreementId)}`;
const versionPath = (agreementId: string, versionNumber: number) =>
  `${agreementPath(agreementId)}/versions/${versionNumber}`;

/**
 * Cache keys. An agreement is first read under its own id; once its partnership is known it is kept
 * under the partnership's prefix too, which live updates invalidate when anyone signs or declines.
 */
export const agreementKeys = {
  agreement: (agreementId: string) => ['agreements', agreementId] as const,
  liveAgreement: (partnershipId: string, agreementId: string) =>
    queryKeys.partnershipPart(partnershipId, 'agreements', agreementId),
  version: (agreementId: string, versionNumber: number) =>
    ['agreements', agreementId, 'versions', versionNumber] as const,
  diff: (agreementId: string, from: number, to: number, language: Language) =>
    ['agreements', agreementId, 'diff', from, to, language] as const,
  verification: (partnershipId: string, agreementId: string, versionNumber: number) =>
    queryKeys.partnershipPart(
      partnershipId,
      'agreements',
      agreementId,
      'verification',
      String(versionNumber),
    ),
};

export const fetchAgreement = (agreementId: string, signal?: AbortSignal) =>
  api.get<Agreement>(agreementPath(agreementId), { signal });

export const fetchVersion = (agreementId: string, versionNumber: number, signal?: AbortSignal) =>
  api.get<AgreementVersion>(versionPath(agreementId, versionNumber), { signal });

export const fetchDiff = (
  agreementId: string,
  from: number,
  to: number,
  language: Language,
  signal?: AbortSignal,
) => api.get<VersionDiff>(`${agreementPath(agreementId)}/diff`, { query: { from, to, language }, signal });

export const fetchVerification = (agreementId: string, versionNumber: number, signal?: AbortSignal) =>
  api.get<VerificationReport>(`${versionPath(agreementId, versionNumber)}/verification`, { signal });

/** Ed25519 is deterministic: a retry sends the same signature, under the same key, and changes nothing. */
export const signatureIdempotencyKey = (agreementId: string, versionNumber: number, keyId: string) =>
  `sign:${agreementId}:${versionNumber}:${keyId}`;

export const submitSignature = (agreementId: string, versionNumber: number, signature: SignInput) =>
  api.post<SignatureReceipt>(`${versionPath(agreementId, versionNumber)}/signatures`, signature, {
    idempotencyKey: signatureIdempotencyKey(agreementId, versionNumber, signature.keyId),
  });

export const submitDecline = (
  agreementId: string,
  versionNumber: number,
  decline: DeclineInput,
  idempotencyKey: string,
) =>
  api.post<DeclineReceipt>(`${versionPath(agreementId, versionNumber)}/declines`, decline, {
    idempotencyKey,
  });

export const enrolSigningKey = (key: EnrolKeyInput, idempotencyKey: string) =>
  api.post<SigningKey>('/signing-keys', key, { idempotencyKey });

export const fetchSigningKey = (keyId: string, signal?: AbortSignal) =>
  api.get<SigningKey>(`/signing-keys/${keyId}`, { signal });

export const partnershipAgreementsKey = (partnershipId: string) =>
  queryKeys.partnershipPart(partnershipId, 'agreements');

export const fetchPartnershipAgreements = (partnershipId: string, signal?: AbortSignal) =>
  api.get<AgreementSummary[]>('/agreements', { query: { partnershipId, limit: 100 }, signal });

// ---- drafting ----

export const templatesKey = ['agreement-templates'] as const;

export const fetchTemplates = (signal?: AbortSignal) =>
  api.get<AgreementTemplate[]>('/agreement-templates', { signal });

/** The body the api's contract judges; the form may send it incomplete and show what the api names. */
export interface DraftBody {
  fields: unknown;
}

export const createAgreement = (
  body: DraftBody & { kind: AgreementKind; partnershipId: string },
  idempotencyKey: string,
) => api.post<Agreement>('/agreements', body, { idempotencyKey });

export const reviseAgreement = (
  agreementId: string,
  body: DraftBody & { baseVersion: number },
  idempotencyKey: string,
) => api.post<RevisionReceipt>(`${agreementPath(agreementId)}/versions`, body, { idempotencyKey });

export const openSigningRound = (agreementId: string, body: object, idempotencyKey: string) =>
  api.post<OpenedRound>(`${agreementPath(agreementId)}/signing-rounds`, body, { idempotencyKey });

export const cancelSigningRound = (
  agreementId: string,
  roundNumber: number,
  body: CancelRoundInput,
  idempotencyKey: string,
) =>
  api.post<SigningRound>(`${agreementPath(agreementId)}/signing-rounds/${roundNumber}/cancellation`, body, {
    idempotencyKey,
  });

// What a draft is pre-filled from, cached under the same keys as the partnership's own pages.
const partnershipPath = (partnershipId: string) => `/partnerships/${encodeURIComponent(partnershipId)}`;

export const prefillKeys = {
  representatives: (partnershipId: string) => queryKeys.partnershipPart(partnershipId, 'representatives'),
  person: (personId: string) => ['people', personId] as const,
};

export const fetchRepresentatives = (partnershipId: string, signal?: AbortSignal) =>
  api.get<Representative[]>(`${partnershipPath(partnershipId)}/representatives`, { signal });

export const fetchPerson = (personId: string, signal?: AbortSignal) =>
  api.get<Person>(`/people/${encodeURIComponent(personId)}`, { signal });
