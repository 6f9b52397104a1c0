import type { Agreement, SigningRound } from '@mitra/contracts';
import { draftingActionsFor, mayManageAgreements } from './drafting';

const round = (status: SigningRound['status'], versionNumber = 2) =>
  ({ status, versionNumber }) as SigningRound;
const agreement = (
  overrides: Partial<Pick<Agreement, 'latestVersion' | 'effectiveVersion' | 'rounds'>> = {},
): Pick<Agreement, 'latestVersion' | 'effectiveVersion' | 'rounds'> => ({
  latestVersion: 2,
  effectiveVersion: null,
  rounds: [],
  ...overrides,
});

describe('who drafts, revises and opens agreements', () => {
  it('is coordinators and admins; partners and auditors read and sign', () => {
    expect(
      ['coordinator', 'admin', 'partner', 'auditor'].filter((role) => mayManageAgreements({ role })),
    ).toEqual(['coordinator', 'admin']);
  });

  it('revises a draft and opens its latest version', () => {
    expect(draftingActionsFor({ role: 'coordinator' }, agreement(), 2)).toEqual({
      revise: true,
      openSigning: true,
      cancelRound: false,
    });
  });

  it('opens no older version, but revises from the latest while one is shown', () => {
    expect(draftingActionsFor({ role: 'coordinator' }, agreement(), 1)).toEqual({
      revise: true,
      openSigning: false,
      cancelRound: false,
    });
  });

  it('changes nothing while a round is open or once the agreement is in force', () => {
    const none = { revise: false, openSigning: false, cancelRound: false };
    expect(draftingActionsFor({ role: 'admin' }, agreement({ rounds: [round('open')] }), 2)).toEqual({
      ...none,
      cancelRound: true,
    });
    expect(draftingActionsFor({ role: 'admin' }, agreement({ effectiveVersion: 2 }), 2)).toEqual(none);
  });

  it('opens again a version whose round expired or was declined', () => {
    const ended = agreement({ rounds: [round('expired'), round('declined')] });
    expect(draftingActionsFor({ role: 'coordinator' }, ended, 2)).toEqual({
      revise: true,
      openSigning: true,
      cancelRound: false,
    });
  });

  it('offers a partner and an auditor nothing', () => {
    for (const role of ['partner', 'auditor'])
      expect(draftingActionsFor({ role }, agreement({ rounds: [round('open')] }), 2)).toEqual({
        revise: false,
        openSigning: false,
        cancelRound: false,
      });
  });

  it('cancels only the open round of the version shown', () => {
    const amending = agreement({ effectiveVersion: 1, rounds: [round('completed', 1), round('open', 2)] });
    expect(draftingActionsFor({ role: 'coordinator' }, amending, 2).cancelRound).toBe(true);
    expect(draftingActionsFor({ role: 'coordinator' }, amending, 1).cancelRound).toBe(false);
  });
});
