import {
  ErrorCode,
  MitraError,
  type FieldError,
  type RefusalCode,
  type RefusalParams,
} from '@mitra/contracts';

/** Why the agreements rules refuse a command; each maps to one transport error code. */
export enum AgreementExceptionCode {
  NotFound = 'NOT_FOUND',
  VersionNotFound = 'VERSION_NOT_FOUND',
  RoleMayNotDoThis = 'ROLE_MAY_NOT_DO_THIS',
  NotOwnOrganisation = 'NOT_OWN_ORGANISATION',
  PartnerEditsOtherParty = 'PARTNER_EDITS_OTHER_PARTY',
  NoChange = 'NO_CHANGE',
  StaleBaseVersion = 'STALE_BASE_VERSION',
  SigningOpen = 'SIGNING_OPEN',
  AlreadyEffective = 'ALREADY_EFFECTIVE',
  NotEffective = 'NOT_EFFECTIVE',
  NotLatestVersion = 'NOT_LATEST_VERSION',
  BadSigningSetup = 'BAD_SIGNING_SETUP',
  RoundNotOpen = 'ROUND_NOT_OPEN',
  RoundNotFound = 'ROUND_NOT_FOUND',
  RoundEnded = 'ROUND_ENDED',
  RoundExpired = 'ROUND_EXPIRED',
  NotAParty = 'NOT_A_PARTY',
  OutOfOrder = 'OUT_OF_ORDER',
  AlreadySigned = 'ALREADY_SIGNED',
  AlreadyDeclined = 'ALREADY_DECLINED',
  KeyNotEnrolled = 'KEY_NOT_ENROLLED',
  KeyNotSignatorys = 'KEY_NOT_SIGNATORYS',
  KeyEnrolledElsewhere = 'KEY_ENROLLED_ELSEWHERE',
  KeyRevoked = 'KEY_REVOKED',
  InvalidPublicKey = 'INVALID_PUBLIC_KEY',
  HashOfAnotherVersion = 'HASH_OF_ANOTHER_VERSION',
  SignatureInvalid = 'SIGNATURE_INVALID',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  ConcurrentChange = 'CONCURRENT_CHANGE',
}

export function errorCodeOf(reason: AgreementExceptionCode): ErrorCode {
  switch (reason) {
    case AgreementExceptionCode.NotFound:
    case AgreementExceptionCode.VersionNotFound:
    case AgreementExceptionCode.RoundNotFound:
      return ErrorCode.NotFound;
    case AgreementExceptionCode.RoleMayNotDoThis:
    case AgreementExceptionCode.NotOwnOrganisation:
    case AgreementExceptionCode.PartnerEditsOtherParty:
    case AgreementExceptionCode.NotAParty:
    case AgreementExceptionCode.KeyNotEnrolled:
    case AgreementExceptionCode.KeyNotSignatorys:
      return ErrorCode.Forbidden;
    case AgreementExceptionCode.NoChange:
    case AgreementExceptionCode.BadSigningSetup:
    case AgreementExceptionCode.SignatureInvalid:
    case AgreementExceptionCode.InvalidPublicKey:
      return ErrorCode.ValidationFailed;
    case AgreementExceptionCode.StaleBaseVersion:
    case AgreementExceptionCode.SigningOpen:
    case AgreementExceptionCode.AlreadyEffective:
    case AgreementExceptionCode.NotEffective:
    case AgreementExceptionCode.NotLatestVersion:
    case AgreementExceptionCode.RoundNotOpen:
    case AgreementExceptionCode.RoundEnded:
    case AgreementExceptionCode.RoundExpired:
    case AgreementExceptionCode.OutOfOrder:
    case AgreementExceptionCode.AlreadySigned:
    case AgreementExceptionCode.AlreadyDeclined:
    case AgreementExceptionCode.KeyEnrolledElsewhere:
    case AgreementExceptionCode.KeyRevoked:
    case AgreementExceptionCode.HashOfAnotherVersion:
    case AgreementExceptionCode.IdempotencyKeyReused:
    case AgreementExceptionCode.ConcurrentChange:
      return ErrorCode.Conflict;
  }
}

/** The refusal code of a reason, in the agreements list of `refusalCodes` (the type checks it is there). */
export const refusalCodeOf = (reason: AgreementExceptionCode): RefusalCode =>
  `agreements.${reason.toLowerCase() as Lowercase<AgreementExceptionCode>}`;

/**
 * A refusal by the agreements rules; crosses NATS and HTTP as its ErrorCode with its refusal code and the
 * values its sentence needs. The fields it names carry the same code, unless one says more of its own.
 */
export class AgreementException extends MitraError {
  constructor(
    readonly reason: AgreementExceptionCode,
    message: string,
    errors?: FieldError[],
    params?: RefusalParams,
  ) {
    const code = refusalCodeOf(reason);
    super(
      errorCodeOf(reason),
      `${message} [${reason}]`,
      errors?.map((error) => ({ code, ...error })),
      params ? { code, params } : { code },
    );
    this.name = 'AgreementException';
  }
}

export const refuse = (
  reason: AgreementExceptionCode,
  message: string,
  errors?: FieldError[],
  params?: RefusalParams,
): never => {
  throw new AgreementException(reason, message, errors, params);
};
