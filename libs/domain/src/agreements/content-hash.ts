import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { VersionContent } from '@mitra/contracts';
import { canonicalize } from '../common/canonical-json';

/** SHA-256 of bytes (or of a string's UTF-8), as 64 lowercase hexadecimal characters. */
export function sha256Hex(input: Uint8Array | string): string {
  return bytesToHex(sha256(typeof input === 'string' ? utf8ToBytes(input) : input));
}

/** What a signer signs: the hash of the canonical JSON of one version's content. */
export function contentHashOf(content: VersionContent): string {
  return sha256Hex(canonicalize(content));
}

/** A key's id is its fingerprint: SHA-256 of the 32 raw bytes of the Ed25519 public key. */
export function keyFingerprint(rawPublicKey: Uint8Array): string {
  if (rawPublicKey.length !== 32) throw new Error(`an Ed25519 public key has 32 bytes, not ${rawPublicKey.length}`);
  return sha256Hex(rawPublicKey);
}

/** The fingerprint as people compare it: groups of four, e.g. `3f2a 9c01 ...`. */
export function formatFingerprint(keyId: string): string {
  return keyId.match(/.{1,4}/g)?.join(' ') ?? keyId;
}

/** The message an Ed25519 signature covers: the 32 raw bytes of the content hash. */
export function signedMessageOf(contentHash: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error('a content hash has 64 lowercase hexadecimal characters');
  const bytes = new Uint8Array(32);
  for (let index = 0; index < 32; index++) bytes[index] = parseInt(contentHash.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}
