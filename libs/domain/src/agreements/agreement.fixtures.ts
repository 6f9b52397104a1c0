// Test data for the agreements rules' unit tests (imported by *.spec.ts only).
import type { Actor, AgreementFields, AgreementParty, SigningKey } from '@mitra/contracts';
import { keyFingerprint } from './content-hash';
import { bytesToBase64Url } from './encoding';
import { createAgreement, type AgreementState } from './agreement';
import { openSigning, sign, type Ed25519Verify } from './signing';

export const orgIds = {
  bappeda: '64a000000000000000000001',
  yayasan: '64a000000000000000000002',
  company: '64a000000000000000000003',
  university: '64a000000000000000000004',
} as const;

export function party(key: keyof typeof orgIds, overrides: Partial<AgreementParty> = {}): AgreementParty {
  const names = {
    bappeda: ['Bappeda Kota Bandung', 'government_regency'],
    yayasan: ['Yayasan Air Bersih Nusantara', 'cso'],
    company: ['PT Sumber Energi Terbarukan', 'business'],
    university: ['Universitas Padjadjaran SDGs Center', 'academia'],
  } as const;
  return {
    organisationId: orgIds[key],
    name: names[key][0],
    sector: names[key][1],
    role: key === 'bappeda' ? 'lead' : 'partner',
    representative: { userId: `${key}-signer`, name: `Wakil ${key}`, title: 'Kepala' },
    responsibilities: [`Tanggung jawab ${key}`],
    contributions: [],
    ...overrides,
  };
}

export function fields(overrides: Partial<AgreementFields> = {}): AgreementFields {
  return {
    title: 'Akses Air Bersih di Kota Bandung',
    place: 'Bandung',
    parties: [party('bappeda'), party('yayasan'), party('company')],
    background: 'Sebagian warga belum memiliki akses air bersih yang layak.',
    purpose: 'Meningkatkan akses air bersih bagi 5.000 rumah tangga.',
    scope: ['Pemetaan kebutuhan air bersih', 'Pembangunan sarana air bersih'],
    sdgTargets: ['6.1'],
    governance: {
      body: 'Sekretariat Bersama KMP Air Bersih',
      decisionRule: 'consensus',
      meetingFrequency: 'monthly',
    },
    communication: 'Para Pihak berkomunikasi melalui rapat koordinasi dan surat elektronik.',
    funding: { mechanism: 'co_funding' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-07-01',
    durationMonths: 12,
    ...overrides,
  };
}

export const admin: Actor = { userId: 'admin-1', role: 'admin' };
export const coordinator: Actor = { userId: 'coord-1', role: 'coordinator' };
export const auditor: Actor = { userId: 'audit-1', role: 'auditor' };
export const partnerOf = (key: keyof typeof orgIds): Actor => ({
  userId: `${key}-signer`,
  role: 'partner',
  organisationId: orgIds[key],
});

/**
 * A stand-in for Ed25519 so the rules are tested without crypto: the "signature" is the message
 * followed by the public key. The real verification is tested in the service.
 */
export const fakeVerify: Ed25519Verify = (publicKey, message, signature) =>
  signature.length === 64 &&
  signature.every((byte, index) => byte === (index < 32 ? message[index] : publicKey[index - 32]));

export function fakeKey(
  userId: string,
  organisationId: string,
  seed: number,
): SigningKey & { raw: Uint8Array } {
  const raw = new Uint8Array(32).fill(seed);
  return {
    raw,
    keyId: keyFingerprint(raw),
    userId,
    organisationId,
    algorithm: 'Ed25519',
    publicKey: bytesToBase64Url(raw),
    enrolledAt: '2026-06-01T00:00:00.000Z',
    enrolledBy: userId,
  };
}

export function fakeSign(key: { raw: Uint8Array }, contentHash: string): string {
  const message = Uint8Array.from(contentHash.match(/../g)!.map((pair) => parseInt(pair, 16)));
  const signature = new Uint8Array(64);
  signature.set(message, 0);
  signature.set(key.raw, 32);
  return bytesToBase64Url(signature);
}

export const fixtureStart = '2026-06-01T00:00:00.000Z';
/** `minutes` after `fixtureStart`, as ISO. */
export const minutesIn = (minutes: number) =>
  new Date(Date.parse(fixtureStart) + minutes * 60_000).toISOString();

export const signerKeys = {
  bappeda: fakeKey('bappeda-signer', orgIds.bappeda, 1),
  yayasan: fakeKey('yayasan-signer', orgIds.yayasan, 2),
  company: fakeKey('company-signer', orgIds.company, 3),
  university: fakeKey('university-signer', orgIds.university, 4),
};
export type SignerOrg = keyof typeof signerKeys;
export const signerKeyring = new Map(Object.values(signerKeys).map((key) => [key.keyId, key]));

/** The organisation signs the latest version, with its own key. */
export function signLatestAs(state: AgreementState, org: SignerOrg, minutes: number): AgreementState {
  const version = state.versions[state.versions.length - 1];
  const key = signerKeys[org];
  return sign(
    state,
    {
      versionNumber: version.number,
      signature: {
        organisationId: orgIds[org],
        keyId: key.keyId,
        contentHash: version.contentHash,
        value: fakeSign(key, version.contentHash),
      },
    },
    { actor: partnerOf(org), now: minutesIn(minutes), key, verify: fakeVerify },
  ).state;
}

/** An MoU of bappeda, yayasan and company, version 1 in force. */
export function mouInForce(): AgreementState {
  let state = createAgreement(
    { id: '64b000000000000000000003', kind: 'mou', partnershipId: 'p-1', fields: fields() },
    { actor: coordinator, now: fixtureStart },
  );
  state = openSigning(
    state,
    { versionNumber: 1, mode: 'parallel', expiresAt: minutesIn(1000) },
    { actor: coordinator, now: minutesIn(1) },
  ).state;
  for (const org of ['bappeda', 'yayasan', 'company'] as const) state = signLatestAs(state, org, 5);
  return state;
}
