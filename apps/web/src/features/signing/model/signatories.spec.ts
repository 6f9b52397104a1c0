import { createPublicKey, verify } from 'node:crypto';
import type { Actor, AgreementFields, AgreementParty, SigningKey } from '@mitra/contracts';
import {
  agreementView,
  amendMembership,
  createAgreement,
  decline,
  findVersion,
  openSigning,
  sign,
  verifyVersion,
  type AgreementState,
  type Ed25519Verify,
} from '@mitra/domain';
import { generateSigningKey, signMessage, type GeneratedSigningKey } from '../crypto/browser-key';
import { signingPayloadOf } from '../crypto/signing-payload';
import { defaultVersionOf, signatoryRows, signingActionFor } from './signatories';

const t0 = '2026-06-01T00:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(t0) + minutes * 60_000).toISOString();
const coordinator: Actor = { userId: 'coord-1', role: 'coordinator' };

const orgs = {
  pemkot: '64c000000000000000000001',
  forum: '64c000000000000000000002',
  lpm: '64c000000000000000000003',
} as const;
type Org = keyof typeof orgs;
const partner = (org: Org): Actor => ({ userId: `${org}-rep`, role: 'partner', organisationId: orgs[org] });

function party(org: Org): AgreementParty {
  return {
    organisationId: orgs[org],
    name: `Organisasi ${org}`,
    sector: 'cso',
    role: org === 'pemkot' ? 'lead' : 'partner',
    representative: { userId: `${org}-rep`, name: `Wakil ${org}`, title: 'Ketua' },
    responsibilities: [`Tugas ${org}`],
    contributions: [],
  };
}

const fields: AgreementFields = {
  title: 'Kemitraan Air Bersih',
  place: 'Bandung',
  parties: [party('pemkot'), party('forum'), party('lpm')],
  background: 'Latar belakang.',
  purpose: 'Tujuan.',
  scope: ['Lingkup'],
  sdgTargets: [],
  governance: { body: 'Sekretariat', decisionRule: 'consensus', meetingFrequency: 'monthly' },
  communication: 'Rapat.',
  funding: { mechanism: 'separate' },
  reporting: { frequency: 'quarterly' },
  startDate: '2026-07-01',
  durationMonths: 12,
};

const ed25519Verify: Ed25519Verify = (publicKey, message, signature) =>
  verify(
    null,
    message,
    createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    }),
    signature,
  );

const enrolled = (org: Org, key: GeneratedSigningKey): SigningKey => ({
  keyId: key.keyId,
  userId: `${org}-rep`,
  organisationId: orgs[org],
  algorithm: 'Ed25519',
  publicKey: key.publicKey,
  enrolledAt: t0,
  enrolledBy: `${org}-rep`,
});

async function signedBy(state: AgreementState, org: Org, key: GeneratedSigningKey, minutes: number) {
  const version = findVersion(state, 1);
  const { contentHash, message } = signingPayloadOf(version, state.rounds[0].contentHash);
  const value = await signMessage(key.privateKey, message);
  return sign(
    state,
    { versionNumber: 1, signature: { organisationId: orgs[org], keyId: key.keyId, contentHash, value } },
    { actor: partner(org), now: at(minutes), key: enrolled(org, key), verify: ed25519Verify },
  ).state;
}

describe('signatory rows and the signing action, on an agreement built by the domain rules', () => {
  let state: AgreementState;
  let pemkotKey: GeneratedSigningKey;

  beforeAll(async () => {
    pemkotKey = await generateSigningKey();
    state = createAgreement(
      { id: '64c0000000000000000000aa', kind: 'mou', partnershipId: 'p-1', fields },
      { actor: coordinator, now: t0 },
    );
    state = openSigning(
      state,
      { versionNumber: 1, mode: 'ordered', expiresAt: at(60 * 24), dueAt: at(60) },
      { actor: coordinator, now: at(1) },
    ).state;
    // Signed in the browser way: payload from the version text, signature by WebCrypto, checked by the rules.
    state = await signedBy(state, 'pemkot', pemkotKey, 5);
  });

  it('shows the signer with a valid signature, the next party pending and the last waiting its turn', () => {
    const now = at(10);
    const report = verifyVersion(
      state,
      1,
      new Map([[pemkotKey.keyId, enrolled('pemkot', pemkotKey)]]),
      ed25519Verify,
      now,
    );
    const rows = signatoryRows(agreementView(state, now), findVersion(state, 1), report);

    expect(rows.map((r) => [r.organisationId, r.status, r.verification])).toEqual([
      [orgs.pemkot, 'signed', 'valid'],
      [orgs.forum, 'pending', 'unchecked'],
      [orgs.lpm, 'waiting', 'unchecked'],
    ]);
    expect(rows[0]).toMatchObject({ signedAt: at(5), keyId: pemkotKey.keyId, failedChecks: [] });
    expect(rows[0].carriedFromVersion).toBeUndefined();
    expect(rows[1]).toMatchObject({ dueAt: at(60), overdue: false, signatoryName: 'Wakil forum' });
  });

  it('marks a signature invalid when the enrolled key is not the one that signed', async () => {
    const impostor = await generateSigningKey();
    const keys = new Map([
      [pemkotKey.keyId, { ...enrolled('pemkot', pemkotKey), publicKey: impostor.publicKey }],
    ]);
    const report = verifyVersion(state, 1, keys, ed25519Verify, at(10));
    const [row] = signatoryRows(agreementView(state, at(10)), findVersion(state, 1), report);
    expect(row.verification).toBe('invalid');
    expect(row.failedChecks).toEqual(['keyMatchesFingerprint', 'signatureValid']);
  });

  it('lets the asked signatory sign, the party after it only decline, and others nothing', () => {
    const view = agreementView(state, at(10));
    const hash = state.rounds[0].contentHash;
    expect(
      signingActionFor({ id: 'forum-rep', role: 'partner', organisationId: orgs.forum }, view, 1),
    ).toEqual({
      kind: 'act',
      maySign: true,
      organisationName: 'Organisasi forum',
      signatoryName: 'Wakil forum',
      roundContentHash: hash,
      dueAt: at(60),
    });
    expect(
      signingActionFor({ id: 'lpm-rep', role: 'partner', organisationId: orgs.lpm }, view, 1),
    ).toMatchObject({
      kind: 'act',
      maySign: false,
      whyNotSign: 'not-your-turn',
    });
    expect(
      signingActionFor({ id: 'forum-colleague', role: 'partner', organisationId: orgs.forum }, view, 1),
    ).toMatchObject({
      kind: 'act',
      maySign: false,
      whyNotSign: 'other-signatory',
    });
    expect(
      signingActionFor({ id: 'pemkot-rep', role: 'partner', organisationId: orgs.pemkot }, view, 1).kind,
    ).toBe('none');
    expect(signingActionFor({ id: 'auditor', role: 'auditor' }, view, 1).kind).toBe('none');
    expect(
      signingActionFor({ id: 'forum-rep', role: 'partner', organisationId: orgs.forum }, view, 2).kind,
    ).toBe('none');
  });

  it('lets a coordinator sign for its own organisation when it is a party, and for no other', () => {
    const view = agreementView(state, at(10));
    expect(
      signingActionFor({ id: 'forum-rep', role: 'coordinator', organisationId: orgs.forum }, view, 1),
    ).toMatchObject({ kind: 'act', maySign: true, organisationName: 'Organisasi forum' });
    expect(signingActionFor({ id: 'coord-1', role: 'coordinator' }, view, 1).kind).toBe('none');
  });

  it('opens on the version that awaits signatures, else on the latest', () => {
    const view = agreementView(state, at(10));
    expect(defaultVersionOf({ ...view, latestVersion: 3 })).toBe(1);
    expect(defaultVersionOf({ ...view, rounds: [], latestVersion: 3 })).toBe(3);
  });

  it('shows a decline with its reason, and nobody is asked any more', () => {
    const declined = decline(
      state,
      {
        versionNumber: 1,
        decline: { organisationId: orgs.forum, reason: 'Pasal pendanaan belum disepakati.' },
      },
      { actor: partner('forum'), now: at(20) },
    ).state;
    const view = agreementView(declined, at(30));
    const rows = signatoryRows(view, findVersion(declined, 1), undefined);
    expect(rows.map((r) => r.status)).toEqual(['signed', 'declined', 'not_requested']);
    expect(rows[1]).toMatchObject({ declinedAt: at(20), declineReason: 'Pasal pendanaan belum disepakati.' });
    expect(rows[0].verification).toBe('unchecked');
    expect(signingActionFor({ id: 'lpm-rep', role: 'partner', organisationId: orgs.lpm }, view, 1).kind).toBe(
      'none',
    );
  });
});

describe('the signatories of a leaving amendment', () => {
  it('lists the leaving party, which the version no longer names, as asked to sign its own leaving', () => {
    let state = createAgreement(
      { id: '64c0000000000000000000bb', kind: 'mou', partnershipId: 'p-1', fields },
      { actor: coordinator, now: t0 },
    );
    state = openSigning(
      state,
      { versionNumber: 1, mode: 'parallel', expiresAt: at(600) },
      { actor: coordinator, now: at(1) },
    ).state;
    for (const org of Object.keys(orgs) as Org[]) {
      const version = findVersion(state, 1);
      state = sign(
        state,
        {
          versionNumber: 1,
          signature: {
            organisationId: orgs[org],
            keyId: `${org}-key`,
            contentHash: version.contentHash,
            value: 'A'.repeat(86),
          },
        },
        {
          actor: partner(org),
          now: at(2),
          key: { ...enrolled(org, { keyId: `${org}-key`, publicKey: 'AAAA' } as GeneratedSigningKey) },
          verify: () => true,
        },
      ).state;
    }
    state = amendMembership(
      state,
      { change: { kind: 'leave', organisationId: orgs.lpm }, expiresAt: at(600), key: 'k-leave' },
      { actor: coordinator, now: at(3) },
    ).state;
    const view = agreementView(state, at(4));
    const rows = signatoryRows(view, findVersion(state, 2), undefined);
    expect(rows.map((row) => [row.organisationId, row.status, row.leaving ?? false])).toEqual([
      [orgs.pemkot, 'not_requested', false],
      [orgs.forum, 'not_requested', false],
      [orgs.lpm, 'pending', true],
    ]);
    expect(
      signingActionFor({ id: 'lpm-rep', role: 'partner', organisationId: orgs.lpm }, view, 2),
    ).toMatchObject({ kind: 'act', maySign: true });
  });
});
