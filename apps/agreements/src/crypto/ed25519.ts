import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Ed25519Verify } from '@mitra/domain';

// Keys are few and verified often: keep the parsed KeyObjects (bounded, oldest dropped first).
const parsed = new Map<string, KeyObject>();
const maxCachedKeys = 1000;

function publicKeyObject(raw: Uint8Array): KeyObject {
  const x = Buffer.from(raw).toString('base64url');
  let key = parsed.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (parsed.size >= maxCachedKeys) parsed.delete(parsed.keys().next().value!);
    parsed.set(x, key);
  }
  return key;
}

/** Ed25519 (RFC 8032) verification by node:crypto; false for anything malformed. */
export const ed25519Verify: Ed25519Verify = (publicKey, message, signature) => {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
};

/** The 32 raw bytes of a base64url public key; undefined unless it is exactly an Ed25519 key's length. */
export function rawPublicKey(base64url: string): Uint8Array | undefined {
  const raw = Buffer.from(base64url, 'base64url');
  if (raw.length !== 32) return undefined;
  try {
    publicKeyObject(raw);
    return new Uint8Array(raw);
  } catch {
    return undefined;
  }
}
