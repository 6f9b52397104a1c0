import type { Decision } from '@mitra/contracts';
import { sha256Hex } from '../agreements/content-hash';
import { canonicalize, CanonicalizationError } from '../common/canonical-json';

/**
 * What an Idempotency-Key promised: the decision's kind, its fields and who took it, hashed (the key
 * itself left out). A key sent again with another fingerprint is a different decision: 409, as the
 * services answer. Undefined for a payload with no canonical form (a lone surrogate), which the
 * contracts refuse anyway.
 */
export function decisionFingerprint(decision: Decision): string | undefined {
  try {
    // canonicalize leaves out members whose value is undefined.
    return sha256Hex(canonicalize({ ...decision, idempotencyKey: undefined }));
  } catch (error) {
    if (error instanceof CanonicalizationError) return undefined;
    throw error;
  }
}
