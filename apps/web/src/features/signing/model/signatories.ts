import type {
  Agreement,
  AgreementVersion,
  SignatureCheck,
  SigningRound,
  VerificationReport,
} from '@mitra/contracts';

/**
 * - signed: a signature stands for this version (its own, or one an amendment carries from an earlier version);
 * - declined: the party declined in this version's round;
 * - pending: asked to sign now; waiting: asked, but an earlier party of an ordered round signs first;
 * - not_requested: no open round asks this party (not opened yet, or the round ended).
 */
export type SignatoryStatus = 'signed' | 'declined' | 'pending' | 'waiting' | 'not_requested';
export type VerificationStatus = 'valid' | 'invalid' | 'unchecked';

/** The checks a signature must pass, in the order the verification makes them. */
export const signatureChecks = [
  'keyEnrolled',
  'keyMatchesFingerprint',
  'keyBelongsToSignatory',
  'hashMatchesVersion',
  'signatureValid',
] as const;
export type SignatureCheckName = (typeof signatureChecks)[number];

export interface SignatoryRow {
  organisationId: string;
  organisationName: string;
  signatoryUserId: string;
  signatoryName: string;
  signatoryTitle: string;
  status: SignatoryStatus;
  signedAt?: string;
  /** A party the version removes, asked to sign its own leaving. */
  leaving?: boolean;
  /** The earlier version whose signature an amendment carries for this party. */
  carriedFromVersion?: number;
  keyId?: string;
  declinedAt?: string;
  declineReason?: string;
  dueAt?: string;
  overdue?: boolean;
  verification: VerificationStatus;
  /** The checks this signature failed (none when valid or unchecked). */
  failedChecks: SignatureCheckName[];
}

/** The latest signing round of a version, if any was opened. */
export function roundOf(
  agreement: Pick<Agreement, 'rounds'>,
  versionNumber: number,
): SigningRound | undefined {
  return agreement.rounds.filter((round) => round.versionNumber === versionNumber).at(-1);
}

function verificationOf(check: SignatureCheck | undefined): VerificationStatus {
  if (!check) return 'unchecked';
  return check.valid ? 'valid' : 'invalid';
}

/** Who signed, declined or is still asked to sign one version, each with what the verification found. */
export function signatoryRows(
  agreement: Pick<Agreement, 'rounds' | 'pendingSignatures'>,
  version: Pick<AgreementVersion, 'number' | 'content'>,
  report: VerificationReport | undefined,
): SignatoryRow[] {
  const round = roundOf(agreement, version.number);
  const named = version.content.fields.parties.map((party) => ({
    organisationId: party.organisationId,
    organisationName: party.name,
    signatoryUserId: party.representative.userId,
    signatoryName: party.representative.name,
    signatoryTitle: party.representative.title,
  }));
  const leaving = (round?.parties ?? [])
    .filter((party) => !named.some((other) => other.organisationId === party.organisationId))
    .map(({ organisationId, organisationName, signatoryUserId, signatoryName, signatoryTitle }) => ({
      organisationId,
      organisationName,
      signatoryUserId,
      signatoryName,
      signatoryTitle,
      leaving: true,
    }));
  return [...named, ...leaving].map((party): SignatoryRow => {
    const check = report?.signatures.find((s) => s.organisationId === party.organisationId);
    const signature = round?.signatures.find((s) => s.organisationId === party.organisationId);
    const decline = round?.declines.find((d) => d.organisationId === party.organisationId);
    const pending = agreement.pendingSignatures.find(
      (p) => p.versionNumber === version.number && p.organisationId === party.organisationId,
    );
    const base = {
      ...party,
      verification: verificationOf(check),
      failedChecks: check ? signatureChecks.filter((name) => !check[name]) : [],
    };
    if (signature || check) {
      const carried = check && check.signedVersion !== version.number ? check.signedVersion : undefined;
      return {
        ...base,
        status: 'signed',
        signedAt: signature?.signedAt ?? check?.signedAt,
        keyId: signature?.keyId ?? check?.keyId,
        ...(carried !== undefined ? { carriedFromVersion: carried } : {}),
      };
    }
    if (decline) {
      return { ...base, status: 'declined', declinedAt: decline.declinedAt, declineReason: decline.reason };
    }
    if (pending) {
      return {
        ...base,
        status: pending.mayNowSign ? 'pending' : 'waiting',
        dueAt: pending.dueAt,
        overdue: pending.overdue,
      };
    }
    return { ...base, status: 'not_requested' };
  });
}

export type SigningAction =
  | { kind: 'none' }
  | {
      kind: 'act';
      /** Declining is always open to the asked organisation; signing only to its named signatory, in turn. */
      maySign: boolean;
      whyNotSign?: 'not-your-turn' | 'other-signatory';
      organisationName: string;
      signatoryName: string;
      roundContentHash: string;
      dueAt: string;
    };

/** What the signed-in user may do on this version for their organisation. */
export function signingActionFor(
  user: { id: string; role: string; organisationId?: string },
  agreement: Pick<Agreement, 'rounds' | 'pendingSignatures'>,
  versionNumber: number,
): SigningAction {
  // A coordinator signs for its own organisation too, when that organisation is a party (often the lead).
  if ((user.role !== 'partner' && user.role !== 'coordinator') || !user.organisationId)
    return { kind: 'none' };
  const pending = agreement.pendingSignatures.find(
    (p) => p.versionNumber === versionNumber && p.organisationId === user.organisationId,
  );
  const round = roundOf(agreement, versionNumber);
  const party = round?.parties.find((p) => p.organisationId === user.organisationId);
  if (!pending || !round || round.status !== 'open' || !party) return { kind: 'none' };
  const whyNotSign = !pending.mayNowSign
    ? 'not-your-turn'
    : pending.signatoryUserId !== user.id
      ? 'other-signatory'
      : undefined;
  return {
    kind: 'act',
    maySign: whyNotSign === undefined,
    ...(whyNotSign ? { whyNotSign } : {}),
    organisationName: party.organisationName,
    signatoryName: party.signatoryName,
    roundContentHash: round.contentHash,
    dueAt: pending.dueAt,
  };
}

/** The version a reader most likely came for: the one open for signature, else the latest. */
export function defaultVersionOf(agreement: Pick<Agreement, 'rounds' | 'latestVersion'>): number {
  const open = agreement.rounds.find((round) => round.status === 'open');
  return open?.versionNumber ?? agreement.latestVersion;
}
