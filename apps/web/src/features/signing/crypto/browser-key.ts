import { bytesToBase64Url, keyFingerprint } from '@mitra/domain';

const algorithm = { name: 'Ed25519' } as const;

export interface GeneratedSigningKey {
  /** Non-extractable: its bytes can never be read, only used to sign in this browser profile. */
  privateKey: CryptoKey;
  /** The 32 raw bytes of the public key, base64url: what the api enrols. */
  publicKey: string;
  /** SHA-256 of the raw public key, as the api computes it. */
  keyId: string;
}

export class SigningUnsupportedError extends Error {
  constructor(cause?: unknown) {
    super('this browser cannot make Ed25519 keys (WebCrypto needs a secure context and Ed25519 support)', {
      cause,
    });
    this.name = 'SigningUnsupportedError';
  }
}

function subtleOf(subtle: SubtleCrypto | null): SubtleCrypto {
  // crypto.subtle exists only in secure contexts (https, or http on localhost).
  if (!subtle) throw new SigningUnsupportedError();
  return subtle;
}

export async function generateSigningKey(
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null,
): Promise<GeneratedSigningKey> {
  const webCrypto = subtleOf(subtle);
  let pair: CryptoKeyPair;
  try {
    pair = (await webCrypto.generateKey(algorithm, false, ['sign', 'verify'])) as CryptoKeyPair;
  } catch (error) {
    throw new SigningUnsupportedError(error);
  }
  // A public key stays exportable whatever the flag says; only the private key is locked in.
  const raw = new Uint8Array(await webCrypto.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: bytesToBase64Url(raw), keyId: keyFingerprint(raw) };
}

/** An Ed25519 signature of `message`, base64url as the api takes it. */
export async function signMessage(
  privateKey: CryptoKey,
  message: Uint8Array,
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null,
): Promise<string> {
  const signature = await subtleOf(subtle).sign(algorithm, privateKey, message as BufferSource);
  return bytesToBase64Url(new Uint8Array(signature));
}
