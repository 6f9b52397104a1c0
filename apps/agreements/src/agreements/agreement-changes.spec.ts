import type { Actor, AgreementFields, AgreementParty, SigningKey } from '@mitra/contracts';
import {
  amendMembership,
  amendQueued,
  applyDueTime,
  cancelRound,
  canonicalize,
  createAgreement,
  decline,
  openSigning,
  reviseAgreement,
  sign,
  type AgreementState,
} from '@mitra/domain';
import {
  applyChange,
  changeBetween,
  digestOf,
  foldAgreement,
  plain,
  type AgreementChange,
} from './agreement-changes';

const coordinator: Actor = { userId: 'coord-1', role: 'coordinator' };
const ids = {
  city: '64a000000000000000000001',
  cso: '64a000000000000000000002',
  company: '64a000000000000000000003',
  campus: '64a000000000000000000004',
};
type Org = keyof typeof ids;
const partnerOf = (org: Org): Actor => ({
  userId: `${org}-signer`,
  role: 'partner',
  organisationId: ids[org],
});

function party(org: Org): AgreementParty {
  return {
    organisationId: ids[org],
    name: `Organisasi ${org}`,
    sector: org === 'city' ? 'government_regency' : org === 'company' ? 'business' : 'cso',
    role: org === 'city' ? 'lead' : 'partner',
    representative: { userId: `${org}-signer`, name: `Wakil ${org}`, title: 'Kepala' },
    responsibilities: [`Tanggung jawab ${org}`],
    contributions: [],
  };
}

function fields(overrides: Partial<AgreementFields> = {}): AgreementFields {
  return {
    title: 'Akses Air Bersih di Kota Bandung',
    place: 'Bandung',
    parties: [party('city'), party('cso'), party('company')],
    background: 'Sebagian warga belum memiliki akses air bersih yang layak.',
    purpose: 'Meningkatkan akses air bersih.',
    scope: ['Pemetaan kebutuhan air bersih'],
    sdgTargets: ['6.1'],
    governance: { body: 'Sekretariat Bersama', decisionRule: 'consensus', meetingFrequency: 'monthly' },
    communication: 'Rapat koordinasi.',
    funding: { mechanism: 'co_funding' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-07-01',
    durationMonths: 12,
    ...overrides,
  };
}

const keyOf = (org: Org): SigningKey => ({
  keyId: `${org}-key`,
  userId: `${org}-signer`,
  organisationId: ids[org],
  algorithm: 'Ed25519',
  publicKey: 'AAAA',
  enrolledAt: '2026-01-01T00:00:00.000Z',
  enrolledBy: `${org}-signer`,
});
const at = (minutes: number) =>
  new Date(Date.parse('2026-06-01T00:00:00.000Z') + minutes * 60_000).toISOString();
const signBy = (state: AgreementState, org: Org, minutes: number) =>
  sign(
    state,
    {
      versionNumber: state.rounds[state.rounds.length - 1]!.versionNumber,
      signature: {
        organisationId: ids[org],
        keyId: `${org}-key`,
        contentHash: state.rounds[state.rounds.length - 1]!.contentHash,
        value: 'A'.repeat(86),
      },
    },
    { actor: partnerOf(org), now: at(minutes), key: keyOf(org), verify: () => true },
  ).state;

/** A whole life: drafted, revised, opened, reminded, declined under a quorum, signed, in force, joined by an amendment. */
function life(): AgreementState[] {
  const states: AgreementState[] = [];
  const push = (state: AgreementState) => {
    states.push(state);
    return state;
  };
  let state = push(
    createAgreement(
      { id: 'a'.repeat(24), kind: 'mou', partnershipId: 'p-1', fields: fields() },
      { actor: coordinator, now: at(0) },
    ),
  );
  state = push(
    reviseAgreement(
      state,
      { baseVersion: 1, fields: fields({ durationMonths: 24 }) },
      { actor: coordinator, now: at(1) },
    ).state,
  );
  const rule = {
    kind: 'quorum' as const,
    requirements: [
      { sectors: ['government_regency' as const], count: 'all' as const },
      { sectors: ['cso' as const], count: 1 },
    ],
  };
  state = push(
    openSigning(
      state,
      { versionNumber: 2, mode: 'parallel', expiresAt: at(60 * 24), dueAt: at(10), rule },
      { actor: coordinator, now: at(2) },
    ).state,
  );
  state = push(applyDueTime(state, at(11)).state);
  state = push(
    decline(
      state,
      { versionNumber: 2, decline: { organisationId: ids.company, reason: 'Anggaran belum tersedia.' } },
      { actor: partnerOf('company'), now: at(12) },
    ).state,
  );
  state = push(signBy(state, 'cso', 13));
  state = push(signBy(state, 'city', 14));
  state = push(
    amendMembership(
      state,
      { change: { kind: 'join', party: party('campus') }, expiresAt: at(60 * 48), key: 'k-campus' },
      { actor: coordinator, now: at(15) },
    ).state,
  );
  push(signBy(state, 'campus', 16));
  return states;
}

describe('agreement revisions stored as changes', () => {
  it('folds the changes of a whole life back into every state the rules produced', () => {
    const states = life();
    expect(states[states.length - 1]).toMatchObject({ effectiveVersion: 3, versions: [{}, {}, {}] });
    const changes: AgreementChange[] = [];
    states.forEach((state, i) => {
      const change = changeBetween(states[i - 1], state, { at: at(i) });
      changes.push(change);
      expect(canonicalize(applyChange(state.id, states[i - 1] && plain(states[i - 1]), change))).toBe(
        canonicalize(plain(state)),
      );
      expect(canonicalize(foldAgreement(state.id, changes))).toBe(canonicalize(plain(state)));
    });
  });

  it('folds a membership change queued behind a round, and the cancelled round it waited for', () => {
    const inForce = life().at(-1)!;
    const leave = (org: Org, key: string, minutes: number, state: AgreementState) =>
      amendMembership(
        state,
        { change: { kind: 'leave', organisationId: ids[org] }, expiresAt: at(60 * 48), key },
        { actor: coordinator, now: at(minutes) },
      ).state;
    const leaving = leave('cso', 'k-cso', 20, inForce);
    const queued = leave('company', 'k-company', 21, leaving);
    const cancelled = cancelRound(
      queued,
      { roundNumber: 3, cancellation: { reason: 'Yayasan tetap ikut.' } },
      { actor: coordinator, now: at(22) },
    ).state;
    const amended = amendQueued(cancelled, at(22)).state;
    const states = [inForce, leaving, queued, amended];
    for (let i = 1; i < states.length; i++) {
      const change = changeBetween(states[i - 1], states[i], { at: at(i) });
      expect(canonicalize(applyChange(inForce.id, plain(states[i - 1]), change))).toBe(
        canonicalize(plain(states[i])),
      );
    }
    expect(changeBetween(leaving, queued, { at: at(1) }).membershipQueue).toEqual([
      expect.objectContaining({ key: 'k-company', status: 'queued' }),
    ]);
    expect(amended.rounds.map((round) => round.status)).toEqual([
      'completed',
      'completed',
      'cancelled',
      'open',
    ]);
  });

  it('stores what changed, not the agreement: a signature is one patched round, a revision one version', () => {
    const states = life();
    const [created, revised, opened, reminded, declined, signed] = states.map((state, i) =>
      changeBetween(states[i - 1], state, { at: at(i) }),
    );
    expect(created).toMatchObject({
      created: { kind: 'mou', partnershipId: 'p-1' },
      versions: [{ number: 1 }],
    });
    expect(revised).toEqual({ at: at(1), versions: [expect.objectContaining({ number: 2 })] });
    expect(opened.rounds).toEqual([{ opened: expect.objectContaining({ number: 1, status: 'open' }) }]);
    expect(reminded.rounds).toEqual([
      {
        changed: {
          number: 1,
          reminded: [ids.city, ids.cso, ids.company].map((organisationId) => ({
            organisationId,
            remindedAt: at(11),
          })),
        },
      },
    ]);
    expect(declined.rounds).toEqual([
      { changed: { number: 1, declines: [expect.objectContaining({ organisationId: ids.company })] } },
    ]);
    expect(signed).toEqual({
      at: at(5),
      rounds: [
        { changed: { number: 1, signatures: [expect.objectContaining({ organisationId: ids.cso })] } },
      ],
    });
    const last = states[states.length - 1]!;
    // The final signature's revision is a small fraction of the agreement it completes.
    const final = changeBetween(states[states.length - 2], last, { at: at(9) });
    expect(final).toMatchObject({
      effectiveVersion: 3,
      rounds: [{ changed: { number: 2, status: 'completed', signatures: [expect.anything()] } }],
    });
    expect(JSON.stringify(final).length * 20).toBeLessThan(JSON.stringify(last).length);
  });

  it('refuses to store a transition that rewrites a stored version, rather than store something else', () => {
    const [created] = life();
    const tampered: AgreementState = {
      ...created!,
      versions: [{ ...created!.versions[0]!, createdBy: 'someone-else' }],
    };
    expect(() => changeBetween(created, tampered, { at: at(1) })).toThrow(/a stored version would change/);
  });

  it('writes a round again whole when a patch cannot say what changed in it', () => {
    const states = life();
    const opened = states[2]!;
    const moved: AgreementState = {
      ...opened,
      rounds: [{ ...opened.rounds[0]!, expiresAt: at(99), signatures: [] }],
    };
    const change = changeBetween(opened, moved, { at: at(3) });
    expect(change.rounds).toEqual([{ replaced: moved.rounds[0] }]);
    expect(canonicalize(applyChange(opened.id, opened, change))).toBe(canonicalize(plain(moved)));
  });

  it('reads a round stored before effectiveness rules existed as asking every party', () => {
    const states = life();
    const change = plain(changeBetween(states[1], states[2]!, { at: at(2) }));
    const withoutRule: Partial<AgreementState['rounds'][number]> = {
      ...(change.rounds![0] as { opened: AgreementState['rounds'][number] }).opened,
    };
    delete withoutRule.rule;
    const state = applyChange(states[2]!.id, states[1], {
      ...change,
      rounds: [{ opened: withoutRule as AgreementState['rounds'][number] }],
    });
    expect(state.rounds[0]!.rule).toEqual({ kind: 'all' });
  });

  it('digests what lists and the due-time sweep read', () => {
    const states = life();
    expect(digestOf(states[2]!)).toMatchObject({
      summary: { status: 'open', latestVersion: 2 },
      nextDueAt: at(10),
      organisationIds: [ids.city, ids.cso, ids.company],
    });
    expect(digestOf(states[states.length - 1]!)).toMatchObject({
      summary: { status: 'effective', effectiveVersion: 3 },
      nextDueAt: null,
      organisationIds: [ids.city, ids.cso, ids.company, ids.campus],
    });
  });
});
