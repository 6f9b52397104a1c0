import type { Agreement } from '@mitra/contracts';

/** Coordinators and admins draft, revise and open agreements for signature; partners and auditors read and sign. */
export const mayManageAgreements = (user: { role: string }): boolean =>
  user.role === 'coordinator' || user.role === 'admin';

export interface DraftingActions {
  /** A new version from the latest: only while nothing is open for signature and nothing is in force. */
  revise: boolean;
  /** Only the latest version is ever opened, and only while no round is open and nothing is in force. */
  openSigning: boolean;
  /** The round of the version viewed, while it is open: a coordinator may end it, with a reason. */
  cancelRound: boolean;
}

/** What the signed-in user may do to this agreement's text and signing, viewing `versionNumber`. */
export function draftingActionsFor(
  user: { role: string },
  agreement: Pick<Agreement, 'latestVersion' | 'effectiveVersion' | 'rounds'>,
  versionNumber: number,
): DraftingActions {
  const changeable =
    mayManageAgreements(user) &&
    agreement.effectiveVersion === null &&
    !agreement.rounds.some((round) => round.status === 'open');
  return {
    revise: changeable,
    openSigning: changeable && versionNumber === agreement.latestVersion,
    cancelRound:
      mayManageAgreements(user) &&
      agreement.rounds.some((round) => round.versionNumber === versionNumber && round.status === 'open'),
  };
}
