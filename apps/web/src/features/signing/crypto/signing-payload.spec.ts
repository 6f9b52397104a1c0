import { createPublicKey, verify } from 'node:crypto';
import type { AgreementFields, AgreementVersion } from '@mitra/contracts';
import { buildVersion, canonicalize, sha256Hex, signedMessageOf } from '@mitra/domain';
import { generateSigningKey, signMessage } from './browser-key';
import { PayloadRefusedError, signingPayloadOf } from './signing-payload';

const fields: AgreementFields = {
  title: 'Kemitraan Pengelolaan Sampah Kelurahan Cibangkong',
  place: 'Bandung',
  parties: [
    {
      organisationId: '64b000000000000000000001',
      name: 'Forum CSR Kota Bandung',
      sector: 'business',
      role: 'lead',
      representative: { userId: 'user-forum', name: 'Wakil Forum', title: 'Ketua' },
      responsibilities: ['Mengoordinasikan program TJSL'],
      contributions: [{ kind: 'funds', description: 'Dana TJSL', amountIdr: 250_000_000 }],
    },
    {
      organisationId: '64b000000000000000000002',
      name: 'LPM Kelurahan Cibangkong',
      sector: 'community',
      role: 'partner',
      representative: { userId: 'user-lpm', name: 'Ketua LPM', title: 'Ketua' },
      responsibilities: ['Menggerakkan warga untuk memilah sampah'],
      contributions: [],
    },
  ],
  background: 'Sampah rumah tangga belum terpilah.',
  purpose: 'Memilah sampah di seluruh RW.',
  scope: ['Bank sampah di setiap RW'],
  sdgTargets: ['11.6'],
  governance: { body: 'Sekretariat bersama', decisionRule: 'consensus', meetingFrequency: 'monthly' },
  communication: 'Rapat bulanan.',
  funding: { mechanism: 'co_funding' },
  reporting: { frequency: 'quarterly' },
  startDate: '2026-07-01',
  durationMonths: 12,
};

function version(number: number, overrides: Partial<AgreementFields> = {}): AgreementVersion {
  return buildVersion({
    agreementId: '64b0000000000000000000aa',
    partnershipId: 'p-cibangkong',
    kind: 'mou',
    number,
    fields: { ...fields, ...overrides },
    basedOn: number > 1 ? number - 1 : null,
    amendment: null,
    createdAt: '2026-06-01T02:00:00.000Z',
    createdBy: 'coordinator-1',
  });
}

/** As it arrives over HTTP: a JSON round trip, members in whatever order the server wrote them. */
const overTheWire = (value: AgreementVersion): AgreementVersion => JSON.parse(JSON.stringify(value));

const nodeVerify = (publicKey: string, message: Uint8Array, signature: string) =>
  verify(
    null,
    message,
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );

describe('signingPayloadOf', () => {
  it('gives the bytes the domain signs: the raw SHA-256 of the canonical version content', () => {
    const v1 = overTheWire(version(1));
    const payload = signingPayloadOf(v1, v1.contentHash);

    expect(payload.contentHash).toBe(sha256Hex(canonicalize(v1.content)));
    expect(payload.contentHash).toBe(v1.contentHash);
    expect(payload.message).toEqual(signedMessageOf(v1.contentHash));
    expect(Buffer.from(payload.message).toString('hex')).toBe(v1.contentHash);
  });

  it('does not depend on the order of the members in the JSON the api sent', () => {
    const v1 = version(1);
    const reordered = JSON.parse(
      JSON.stringify(v1.content, Object.keys(v1.content).sort().reverse()),
    ) as Partial<AgreementVersion['content']>;
    const shuffled = { ...v1, content: { ...reordered, ...v1.content } } as AgreementVersion;
    expect(signingPayloadOf(shuffled, v1.contentHash).contentHash).toBe(v1.contentHash);
  });

  it('refuses text that does not hash to the recorded hash', () => {
    const v1 = overTheWire(version(1));
    v1.content.text.id.clauses[0].lines[0] += ' (diubah)';
    expect(() => signingPayloadOf(v1, v1.contentHash)).toThrow(PayloadRefusedError);
    expect(() => signingPayloadOf(v1, v1.contentHash)).toThrow('does not hash');
  });

  it('refuses a round opened for another version', () => {
    const v1 = version(1);
    const v2 = version(2, { durationMonths: 24 });
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect(() => signingPayloadOf(v2, v1.contentHash)).toThrow(
      new PayloadRefusedError('round-of-another-version'),
    );
  });
});

describe('browser signing key', () => {
  it('makes a non-extractable Ed25519 key whose signature over the payload verifies as the service verifies it', async () => {
    const key = await generateSigningKey();
    expect(key.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('pkcs8', key.privateKey)).rejects.toThrow();
    expect(key.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.keyId).toBe(sha256Hex(Buffer.from(key.publicKey, 'base64url')));

    const v1 = version(1);
    const { message } = signingPayloadOf(v1, v1.contentHash);
    const signature = await signMessage(key.privateKey, message);

    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(nodeVerify(key.publicKey, signedMessageOf(v1.contentHash), signature)).toBe(true);
    expect(
      nodeVerify(key.publicKey, signedMessageOf(version(2, { durationMonths: 24 }).contentHash), signature),
    ).toBe(false);
  });

  it('says signing is unsupported where WebCrypto is missing (an insecure context)', async () => {
    await expect(generateSigningKey(null)).rejects.toThrow('secure context');
  });
});
