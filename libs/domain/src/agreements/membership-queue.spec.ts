import type { MembershipChange } from '@mitra/contracts';
import { openRound, type AgreementState } from './agreement';
import { AgreementException, AgreementExceptionCode } from './agreement-exception';
import {
  coordinator,
  fakeVerify,
  minutesIn,
  mouInForce,
  orgIds,
  party,
  partnerOf,
  signerKeyring,
  signLatestAs,
} from './agreement.fixtures';
import { amendAgreement } from './amendments';
import { amendMembership, amendQueued } from './membership-queue';
import { cancelRound } from './round-endings';
import { decline } from './signatures';
import { applyDueTime } from './signing-clock';
import { verifyVersion } from './verification';

const context = (minutes: number) => ({ actor: coordinator, now: minutesIn(minutes) });
const join: MembershipChange = { kind: 'join', party: party('university') };
const leave = (org: keyof typeof orgIds): MembershipChange => ({
  kind: 'leave',
  organisationId: orgIds[org],
});

function change(state: AgreementState, membership: MembershipChange, key: string, minutes = 10) {
  return amendMembership(
    state,
    { change: membership, expiresAt: minutesIn(minutes + 2000), key },
    context(minutes),
  );
}

function refusalOf(act: () => unknown): AgreementException {
  try {
    act();
  } catch (error) {
    if (error instanceof AgreementException) return error;
    throw error;
  }
  throw new Error('not refused');
}

const partiesOf = (state: AgreementState, versionNumber: number) =>
  state.versions.find((v) => v.number === versionNumber)!.content.fields.parties.map((p) => p.organisationId);

describe('a partner joining or leaving mid-way', () => {
  it('adds the joining party to the MoU in force and opens a round for it alone', () => {
    const { state, result } = change(mouInForce(), join, 'k-join');
    expect(result).toEqual({ versionNumber: 2, roundNumber: 2 });
    expect(partiesOf(state, 2)).toEqual([orgIds.bappeda, orgIds.yayasan, orgIds.company, orgIds.university]);
    expect(openRound(state)!.parties.map((p) => p.organisationId)).toEqual([orgIds.university]);
  });

  it('removes the leaving party, which alone signs its leaving', () => {
    const { state } = change(mouInForce(), leave('yayasan'), 'k-leave');
    expect(partiesOf(state, 2)).toEqual([orgIds.bappeda, orgIds.company]);
    expect(openRound(state)!.parties.map((p) => p.organisationId)).toEqual([orgIds.yayasan]);
  });

  it('refuses a party that is already in, or one that never was, naming the field', () => {
    expect(
      refusalOf(() => change(mouInForce(), { kind: 'join', party: party('company') }, 'k')).errors,
    ).toEqual([
      expect.objectContaining({ field: 'change.party.organisationId', reason: 'is already a party' }),
    ]);
    expect(refusalOf(() => change(mouInForce(), leave('university'), 'k')).message).toContain(
      'The organisation is not a party.',
    );
  });

  it('is not asked of a partner', () => {
    const refused = refusalOf(() =>
      amendMembership(
        mouInForce(),
        { change: join, expiresAt: minutesIn(2000), key: 'k' },
        { actor: partnerOf('company'), now: minutesIn(10) },
      ),
    );
    expect(refused.reason).toBe(AgreementExceptionCode.RoleMayNotDoThis);
  });
});

describe('a membership change while a round is open', () => {
  const leaving = () => change(mouInForce(), leave('yayasan'), 'k-leave').state;

  it('is queued behind the open round, once per key, with a queued event', () => {
    const queued = change(leaving(), join, 'k-join', 20);
    expect(queued.result).toEqual({ queuedKey: 'k-join', behindRound: 2 });
    expect(queued.events.map((event) => event.name)).toEqual(['queued']);
    expect(queued.state.membershipQueue).toEqual([
      expect.objectContaining({
        key: 'k-join',
        status: 'queued',
        queuedBy: coordinator.userId,
        signingPeriodMs: 2000 * 60_000,
      }),
    ]);
    expect(queued.state.versions).toHaveLength(2);

    const again = change(queued.state, join, 'k-join', 30);
    expect(again.state).toBe(queued.state);
    expect(again.result).toEqual({ queuedKey: 'k-join', behindRound: 2 });
  });

  it('refuses, before queuing, a change the queue already makes', () => {
    const queued = change(leaving(), join, 'k-join', 20).state;
    expect(
      refusalOf(() => change(queued, { kind: 'join', party: party('university') }, 'k-again', 25)).reason,
    ).toBe(AgreementExceptionCode.NoChange);
    expect(refusalOf(() => change(queued, leave('yayasan'), 'k-leave-again', 25)).reason).toBe(
      AgreementExceptionCode.NoChange,
    );
  });

  it('is amended when the open round completes, from the version that came into force', () => {
    const queued = change(leaving(), join, 'k-join', 20).state;
    const left = signLatestAs(queued, 'yayasan', 30);
    expect(left.effectiveVersion).toBe(2);
    const drained = amendQueued(left, minutesIn(31));
    expect(drained.events.map((event) => event.name)).toEqual(['amended', 'opened']);
    expect(partiesOf(drained.state, 3)).toEqual([orgIds.bappeda, orgIds.company, orgIds.university]);
    expect(openRound(drained.state)).toMatchObject({
      versionNumber: 3,
      expiresAt: minutesIn(31 + 2000),
      openedBy: coordinator.userId,
    });
    expect(drained.state.membershipQueue![0]).toMatchObject({
      status: 'amended',
      versionNumber: 3,
      resolvedAt: minutesIn(31),
    });
  });

  it('is amended from the version in force when the open round is declined, without the declined change', () => {
    const queued = change(leaving(), join, 'k-join', 20).state;
    const declined = decline(
      queued,
      { versionNumber: 2, decline: { organisationId: orgIds.yayasan, reason: 'Belum disetujui pengurus' } },
      { actor: partnerOf('yayasan'), now: minutesIn(30) },
    ).state;
    const drained = amendQueued(declined, minutesIn(31)).state;
    expect(partiesOf(drained, 3)).toEqual([
      orgIds.bappeda,
      orgIds.yayasan,
      orgIds.company,
      orgIds.university,
    ]);
  });

  it('is amended when the open round expires', () => {
    const queued = change(leaving(), join, 'k-join', 20).state;
    const due = applyDueTime(queued, minutesIn(10 + 2000));
    expect(due.events.map((event) => event.name)).toEqual(['expired', 'amended', 'opened']);
    expect(openRound(due.state)!.versionNumber).toBe(3);
  });

  it('is marked void with its reason when the MoU no longer needs it, and the next one is amended', () => {
    let state = change(leaving(), join, 'k-join', 20).state;
    state = change(state, leave('company'), 'k-company', 25).state;
    // The coordinator puts the joining into the round that replaces yayasan's leaving.
    const fieldsInForce = state.versions[0].content.fields;
    state = amendAgreement(
      state,
      {
        baseVersion: 2,
        fields: { ...fieldsInForce, parties: [party('bappeda'), party('company'), party('university')] },
        mode: 'parallel',
        expiresAt: minutesIn(3000),
        supersedes: { roundNumber: 2, reason: 'Digabung dengan masuknya universitas' },
      },
      context(30),
    ).state;
    expect(state.rounds[1]).toMatchObject({
      status: 'superseded',
      endedBy: { reason: 'Digabung dengan masuknya universitas' },
    });
    state = signLatestAs(signLatestAs(state, 'yayasan', 40), 'university', 41);
    expect(state.effectiveVersion).toBe(3);

    const drained = amendQueued(state, minutesIn(42)).state;
    expect(drained.membershipQueue!.map((entry) => [entry.key, entry.status, entry.versionNumber])).toEqual([
      ['k-join', 'void', null],
      ['k-company', 'amended', 4],
    ]);
    expect(drained.membershipQueue![0].reason).toContain('already a party');
    expect(partiesOf(drained, 4)).toEqual([orgIds.bappeda, orgIds.university]);
  });
});

describe('ending an open round', () => {
  const leaving = () => change(mouInForce(), leave('yayasan'), 'k-leave').state;

  it('records who cancelled it and why; the version never comes into force', () => {
    const { state, events } = cancelRound(
      leaving(),
      { roundNumber: 2, cancellation: { reason: 'Dibatalkan rapat' } },
      context(30),
    );
    expect(state.rounds[1]).toMatchObject({
      status: 'cancelled',
      closedAt: minutesIn(30),
      endedBy: { by: coordinator.userId, reason: 'Dibatalkan rapat', at: minutesIn(30) },
    });
    expect(events.map((event) => [event.name, event.data.status])).toEqual([['cancelled', 'cancelled']]);
    expect(state.effectiveVersion).toBe(1);
    expect(verifyVersion(state, 2, signerKeyring, fakeVerify, minutesIn(31))).toMatchObject({
      inForce: false,
      standing: 'never_in_force',
    });
  });

  it('refuses a partner, a round that ended and a round that does not exist, changing nothing', () => {
    const state = leaving();
    const cancel = (roundNumber: number, actor = coordinator) =>
      refusalOf(() =>
        cancelRound(state, { roundNumber, cancellation: { reason: 'x' } }, { actor, now: minutesIn(30) }),
      );
    expect(cancel(2, partnerOf('yayasan')).reason).toBe(AgreementExceptionCode.RoleMayNotDoThis);
    expect(cancel(1).reason).toBe(AgreementExceptionCode.RoundEnded);
    expect(cancel(9)).toMatchObject({
      reason: AgreementExceptionCode.RoundNotFound,
      errors: [expect.objectContaining({ field: 'roundNumber' })],
    });
  });
});

describe('verifying a leaving version', () => {
  it('says plainly that it is not in force until the leaving party signs, and lists that party as unsigned', () => {
    const pending = change(mouInForce(), leave('yayasan'), 'k-leave').state;
    expect(verifyVersion(pending, 2, signerKeyring, fakeVerify, minutesIn(20))).toMatchObject({
      valid: true,
      complete: false,
      inForce: false,
      standing: 'awaiting_signatures',
      unsignedOrganisationIds: [orgIds.yayasan],
    });
    const left = signLatestAs(pending, 'yayasan', 30);
    expect(verifyVersion(left, 2, signerKeyring, fakeVerify, minutesIn(31))).toMatchObject({
      complete: true,
      inForce: true,
      standing: 'in_force',
      unsignedOrganisationIds: [],
    });
    expect(verifyVersion(left, 1, signerKeyring, fakeVerify, minutesIn(31))).toMatchObject({
      inForce: false,
      standing: 'replaced',
    });
  });
});
