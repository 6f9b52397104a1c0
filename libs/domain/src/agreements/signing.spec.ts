import { ErrorCode } from '@mitra/contracts';
import {
  agreementStatus,
  agreementView,
  createAgreement,
  reviseAgreement,
  type AgreementState,
} from './agreement';
import { AgreementException, AgreementExceptionCode } from './agreement-exception';
import {
  admin,
  auditor,
  coordinator,
  fakeKey,
  fakeSign,
  fakeVerify,
  fields,
  orgIds,
  partnerOf,
} from './agreement.fixtures';
import { applyDueTime, decline, expireDue, nextDueTime, openSigning, remindOverdue, sign } from './signing';

const t0 = '2026-06-01T00:00:00.000Z';
const later = (minutes: number) => new Date(Date.parse(t0) + minutes * 60_000).toISOString();
const keys = {
  bappeda: fakeKey('bappeda-signer', orgIds.bappeda, 1),
  yayasan: fakeKey('yayasan-signer', orgIds.yayasan, 2),
  company: fakeKey('company-signer', orgIds.company, 3),
};
type Org = keyof typeof keys;

function drafted(): AgreementState {
  return createAgreement(
    { id: '64b000000000000000000001', kind: 'mou', partnershipId: 'p-1', fields: fields() },
    { actor: coordinator, now: t0 },
  );
}

function opened(mode: 'parallel' | 'ordered' = 'parallel', state = drafted()): AgreementState {
  return openSigning(
    state,
    { versionNumber: state.versions.length, mode, expiresAt: later(60 * 24) },
    { actor: coordinator, now: later(1) },
  ).state;
}

function signAs(
  state: AgreementState,
  org: Org,
  options: { minutes?: number; hash?: string; key?: typeof keys.bappeda; actorAdmin?: boolean } = {},
) {
  const key = options.key ?? keys[org];
  const hash = options.hash ?? state.versions[state.versions.length - 1].contentHash;
  return sign(
    state,
    {
      versionNumber: state.versions.length,
      signature: {
        organisationId: orgIds[org],
        keyId: key.keyId,
        contentHash: hash,
        value: fakeSign(key, hash),
      },
    },
    {
      actor: options.actorAdmin ? admin : partnerOf(org),
      now: later(options.minutes ?? 10),
      key,
      verify: fakeVerify,
    },
  );
}

function refusal(action: () => unknown): AgreementException {
  try {
    action();
  } catch (error) {
    if (error instanceof AgreementException) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('signing rounds', () => {
  it('opens the latest version to all its parties in parallel, with the expiry as due date', () => {
    const result = openSigning(
      drafted(),
      { versionNumber: 1, mode: 'parallel', expiresAt: later(600) },
      { actor: coordinator, now: later(1) },
    );
    const round = result.state.rounds[0];

    expect(round).toMatchObject({
      number: 1,
      versionNumber: 1,
      status: 'open',
      mode: 'parallel',
      expiresAt: later(600),
    });
    expect(round.parties.map((p) => [p.organisationId, p.order, p.dueAt])).toEqual([
      [orgIds.bappeda, 1, later(600)],
      [orgIds.yayasan, 1, later(600)],
      [orgIds.company, 1, later(600)],
    ]);
    expect(result.events).toEqual([expect.objectContaining({ name: 'opened', key: 'r1.opened' })]);
    expect(agreementStatus(result.state)).toBe('open');
  });

  it('refuses to open a round with an expiry in the past, a stranger among the parties, or by a partner', () => {
    const state = drafted();
    const bad = refusal(() =>
      openSigning(
        state,
        {
          versionNumber: 1,
          mode: 'ordered',
          organisationIds: [orgIds.yayasan, orgIds.university, orgIds.yayasan],
          expiresAt: t0,
        },
        { actor: coordinator, now: later(1) },
      ),
    );
    expect(bad.code).toBe(ErrorCode.ValidationFailed);
    expect(bad.errors?.map((e) => e.field)).toEqual([
      'signing.expiresAt',
      'signing.organisationIds.1',
      'signing.organisationIds.2',
    ]);
    expect(
      refusal(() =>
        openSigning(
          state,
          { versionNumber: 1, mode: 'parallel', expiresAt: later(60) },
          { actor: partnerOf('yayasan'), now: t0 },
        ),
      ).code,
    ).toBe(ErrorCode.Forbidden);
  });

  it('makes the agreement effective when the last party signs, raising signed and effective events', () => {
    let state = opened();
    const events: string[] = [];
    for (const org of ['yayasan', 'company', 'bappeda'] as const) {
      const result = signAs(state, org);
      state = result.state;
      events.push(...result.events.map((event) => event.name));
    }

    expect(events).toEqual(['signed', 'signed', 'signed', 'effective']);
    expect(state.effectiveVersion).toBe(1);
    expect(state.rounds[0].status).toBe('completed');
    expect(agreementStatus(state)).toBe('effective');
  });

  it('returns the first result for the same signature again, and refuses a different one from a party that signed', () => {
    const first = signAs(opened(), 'yayasan');
    const again = signAs(first.state, 'yayasan', { minutes: 20 });

    expect(again.result.repeated).toBe(true);
    expect(again.state).toBe(first.state);
    expect(again.events).toEqual([]);
    const otherKey = fakeKey('yayasan-signer', orgIds.yayasan, 9);
    expect(refusal(() => signAs(first.state, 'yayasan', { key: otherKey })).reason).toBe(
      AgreementExceptionCode.AlreadySigned,
    );
  });

  it('refuses a signature out of order in an ordered round, and takes it in turn', () => {
    const state = opened('ordered');
    const early = refusal(() => signAs(state, 'yayasan'));

    expect(early.reason).toBe(AgreementExceptionCode.OutOfOrder);
    expect(early.message).toContain('Bappeda Kota Bandung');
    expect(early.refusal).toEqual({
      code: 'agreements.out_of_order',
      params: { waitingFor: ['Bappeda Kota Bandung'] },
    });
    expect(agreementView(state, later(2)).pendingSignatures.map((p) => p.mayNowSign)).toEqual([
      true,
      false,
      false,
    ]);
    const first = signAs(state, 'bappeda').state;
    expect(signAs(first, 'yayasan').events[0].name).toBe('signed');
  });

  it('refuses a signature after the expiry, and expires the round with an event', () => {
    const state = opened();
    expect(refusal(() => signAs(state, 'yayasan', { minutes: 60 * 24 + 1 })).reason).toBe(
      AgreementExceptionCode.RoundExpired,
    );

    const expired = expireDue(state, later(60 * 24));
    expect(expired.state.rounds[0].status).toBe('expired');
    expect(expired.events[0]).toMatchObject({
      name: 'expired',
      data: { unsignedOrganisationIds: Object.values(orgIds).slice(0, 3) },
    });
    expect(agreementStatus(expired.state)).toBe('expired');
    expect(refusal(() => signAs(expired.state, 'yayasan')).reason).toBe(AgreementExceptionCode.RoundExpired);
    expect(expireDue(state, later(5)).events).toEqual([]);
  });

  it("refuses a key that is not enrolled, or not the party's signatory's", () => {
    const state = opened();
    const notEnrolled = () =>
      sign(
        state,
        {
          versionNumber: 1,
          signature: {
            organisationId: orgIds.yayasan,
            keyId: keys.yayasan.keyId,
            contentHash: state.versions[0].contentHash,
            value: fakeSign(keys.yayasan, state.versions[0].contentHash),
          },
        },
        { actor: partnerOf('yayasan'), now: later(5), key: undefined, verify: fakeVerify },
      );
    expect(refusal(notEnrolled).reason).toBe(AgreementExceptionCode.KeyNotEnrolled);
    // The company's key, used for the yayasan.
    expect(refusal(() => signAs(state, 'yayasan', { key: keys.company })).reason).toBe(
      AgreementExceptionCode.KeyNotSignatorys,
    );
  });

  it("refuses a signature over another version's hash, and one that does not verify", () => {
    const v1 = drafted();
    const v1Hash = v1.versions[0].contentHash;
    const v2 = opened(
      'parallel',
      reviseAgreement(
        v1,
        { baseVersion: 1, fields: fields({ place: 'Kota Bandung' }) },
        { actor: coordinator, now: later(1) },
      ).state,
    );

    const otherVersion = refusal(() => signAs(v2, 'yayasan', { hash: v1Hash }));
    expect(otherVersion.reason).toBe(AgreementExceptionCode.HashOfAnotherVersion);
    expect(otherVersion.message).toContain('over version 1, not version 2');

    const forged = () =>
      sign(
        v2,
        {
          versionNumber: 2,
          signature: {
            organisationId: orgIds.yayasan,
            keyId: keys.yayasan.keyId,
            contentHash: v2.versions[1].contentHash,
            value: fakeSign(keys.yayasan, v1Hash),
          },
        },
        { actor: partnerOf('yayasan'), now: later(5), key: keys.yayasan, verify: fakeVerify },
      );
    expect(refusal(forged)).toMatchObject({
      reason: AgreementExceptionCode.SignatureInvalid,
      code: ErrorCode.ValidationFailed,
    });
  });

  it('lets a partner sign only for its own organisation, an admin relay any party, and never an auditor', () => {
    const state = opened();
    const asOther = () =>
      sign(
        state,
        {
          versionNumber: 1,
          signature: {
            organisationId: orgIds.company,
            keyId: keys.company.keyId,
            contentHash: state.versions[0].contentHash,
            value: fakeSign(keys.company, state.versions[0].contentHash),
          },
        },
        { actor: partnerOf('yayasan'), now: later(5), key: keys.company, verify: fakeVerify },
      );
    expect(refusal(asOther)).toMatchObject({
      reason: AgreementExceptionCode.NotOwnOrganisation,
      code: ErrorCode.Forbidden,
    });
    expect(signAs(state, 'company', { actorAdmin: true }).state.rounds[0].signatures[0].submittedBy).toBe(
      'admin-1',
    );
    const asAuditor = () =>
      sign(
        state,
        {
          versionNumber: 1,
          signature: {
            organisationId: orgIds.company,
            keyId: keys.company.keyId,
            contentHash: 'a'.repeat(64),
            value: 'x',
          },
        },
        { actor: auditor, now: later(5), key: keys.company, verify: fakeVerify },
      );
    expect(refusal(asAuditor).reason).toBe(AgreementExceptionCode.RoleMayNotDoThis);
  });

  it('refuses signing before a round is open', () => {
    expect(refusal(() => signAs(drafted(), 'yayasan')).reason).toBe(AgreementExceptionCode.RoundNotOpen);
  });
});

describe('declining', () => {
  it('ends the round with the reason on record for every party to see', () => {
    const result = decline(
      opened(),
      {
        versionNumber: 1,
        decline: {
          organisationId: orgIds.company,
          reason: 'Pasal pendanaan belum sesuai dengan anggaran TJSL kami.',
        },
      },
      { actor: partnerOf('company'), now: later(5) },
    );

    expect(result.state.rounds[0]).toMatchObject({
      status: 'declined',
      declines: [{ organisationId: orgIds.company, declinedBy: 'company-signer' }],
    });
    expect(result.events[0]).toMatchObject({
      name: 'declined',
      data: { reason: 'Pasal pendanaan belum sesuai dengan anggaran TJSL kami.' },
    });
    expect(agreementStatus(result.state)).toBe('declined');
    expect(refusal(() => signAs(result.state, 'yayasan')).reason).toBe(AgreementExceptionCode.RoundNotOpen);
  });

  it('refuses a decline for another organisation and after signing', () => {
    const state = opened();
    const reason = 'Kami belum dapat menyetujui isi naskah ini.';
    expect(
      refusal(() =>
        decline(
          state,
          { versionNumber: 1, decline: { organisationId: orgIds.company, reason } },
          { actor: partnerOf('yayasan'), now: later(5) },
        ),
      ).code,
    ).toBe(ErrorCode.Forbidden);
    const signed = signAs(state, 'yayasan').state;
    expect(
      refusal(() =>
        decline(
          signed,
          { versionNumber: 1, decline: { organisationId: orgIds.yayasan, reason } },
          { actor: partnerOf('yayasan'), now: later(15) },
        ),
      ).reason,
    ).toBe(AgreementExceptionCode.AlreadySigned);
  });

  it('lets the draft be revised and opened again after a decline', () => {
    const declined = decline(
      opened(),
      {
        versionNumber: 1,
        decline: { organisationId: orgIds.company, reason: 'Mohon ubah tempat penandatanganan.' },
      },
      { actor: admin, now: later(5) },
    ).state;
    const revised = reviseAgreement(
      declined,
      { baseVersion: 1, fields: fields({ place: 'Cimahi' }) },
      { actor: coordinator, now: later(6) },
    ).state;

    expect(agreementStatus(revised)).toBe('draft');
    expect(opened('parallel', revised).rounds.map((r) => [r.number, r.versionNumber, r.status])).toEqual([
      [1, 1, 'declined'],
      [2, 2, 'open'],
    ]);
  });
});

describe('pending signatures', () => {
  it('shows each pending signature with its due date and whether it is overdue', () => {
    const state = openSigning(
      drafted(),
      { versionNumber: 1, mode: 'parallel', expiresAt: later(600), dueAt: later(60) },
      { actor: coordinator, now: later(1) },
    ).state;
    const signed = signAs(state, 'yayasan').state;

    expect(agreementView(signed, later(30)).pendingSignatures).toEqual([
      {
        roundNumber: 1,
        versionNumber: 1,
        organisationId: orgIds.bappeda,
        signatoryUserId: 'bappeda-signer',
        dueAt: later(60),
        overdue: false,
        mayNowSign: true,
        required: true,
      },
      {
        roundNumber: 1,
        versionNumber: 1,
        organisationId: orgIds.company,
        signatoryUserId: 'company-signer',
        dueAt: later(60),
        overdue: false,
        mayNowSign: true,
        required: true,
      },
    ]);
    expect(agreementView(signed, later(61)).pendingSignatures.every((p) => p.overdue)).toBe(true);
  });
});

describe('reminders', () => {
  const withDue = () =>
    openSigning(
      drafted(),
      { versionNumber: 1, mode: 'parallel', expiresAt: later(600), dueAt: later(60) },
      { actor: coordinator, now: later(1) },
    ).state;

  it('reminds each unsigned party once when its due date passes, and not before', () => {
    const signed = signAs(withDue(), 'yayasan').state;
    expect(remindOverdue(signed, later(59)).events).toEqual([]);

    const reminded = remindOverdue(signed, later(61));
    expect(reminded.events.map((event) => [event.name, event.data.organisationId])).toEqual([
      ['reminded', orgIds.bappeda],
      ['reminded', orgIds.company],
    ]);
    expect(reminded.state.rounds[0].parties.map((p) => p.remindedAt)).toEqual([later(61), null, later(61)]);
    expect(remindOverdue(reminded.state, later(120)).events).toEqual([]);
  });

  it('tells the sweeper when time next changes the agreement', () => {
    const state = withDue();
    expect(nextDueTime(state)).toBe(later(60));
    expect(nextDueTime(remindOverdue(state, later(61)).state)).toBe(later(600));
    expect(nextDueTime(drafted())).toBeNull();
    expect(applyDueTime(state, later(601)).events.map((event) => event.name)).toEqual(['expired']);
  });
});
