import { generateKeyPairSync, sign } from 'node:crypto';
import { contentHashOf, signedMessageOf } from '@mitra/domain';
import type { VersionContent } from '@mitra/contracts';
import { ed25519Verify, rawPublicKey } from './ed25519';

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

describe('Ed25519 verification with node:crypto', () => {
  // RFC 8032 §7.1, TEST 1 and TEST 2.
  const vectors = [
    {
      publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      message: '',
      signature:
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    },
    {
      publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      message: '72',
      signature:
        '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    },
  ];

  it('accepts the RFC 8032 test vectors', () => {
    for (const v of vectors) expect(ed25519Verify(hex(v.publicKey), hex(v.message), hex(v.signature))).toBe(true);
  });

  it('refuses a vector with one bit flipped in the message, the signature or the key', () => {
    const [, v] = vectors;
    const flip = (bytes: Uint8Array, index = 0) => bytes.map((byte, i) => (i === index ? byte ^ 1 : byte));
    expect(ed25519Verify(hex(v.publicKey), flip(hex(v.message)), hex(v.signature))).toBe(false);
    expect(ed25519Verify(hex(v.publicKey), hex(v.message), flip(hex(v.signature), 10))).toBe(false);
    expect(ed25519Verify(hex(vectors[0].publicKey), hex(v.message), hex(v.signature))).toBe(false);
  });

  it('verifies what a signer makes with its own key over the raw bytes of a content hash', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey.export({ format: 'jwk' }).x!)!;
    const hash = contentHashOf({ format: 'mitra.agreement/1' } as VersionContent);
    const signature = sign(null, signedMessageOf(hash), privateKey);

    expect(ed25519Verify(raw, signedMessageOf(hash), signature)).toBe(true);
    // Signing the hex text instead of the raw bytes is not the same signature.
    expect(ed25519Verify(raw, new TextEncoder().encode(hash), signature)).toBe(false);
  });

  it('says false, never throws, for malformed keys and signatures', () => {
    expect(ed25519Verify(new Uint8Array(31), new Uint8Array(32), new Uint8Array(64))).toBe(false);
    expect(ed25519Verify(new Uint8Array(32), new Uint8Array(32), new Uint8Array(63))).toBe(false);
    expect(rawPublicKey('AAAA')).toBeUndefined();
  });
});
