import { matches, maxLength, minLength, object, string } from '../common/payload-checks';

/**
 * Tamper evidence: every decision, ledger entry and signature of a partnership is a link in one
 * hash chain, kept by the lifecycle workflow and checkpointed in its history.
 */
export const chainRecordKinds = ['decision', 'ledgerEntry', 'signature'] as const;
export type ChainRecordKind = (typeof chainRecordKinds)[number];

/** Memo fields of the workflow in which each change of the chain is checkpointed. */
export const chainMemo = { head: 'mitraChainHead', length: 'mitraChainLength' } as const;

export const sha256Hex = {
  pattern: /^[0-9a-f]{64}$/,
  reason: 'must be a SHA-256 hash (64 lowercase hexadecimal characters)',
};
export const chainRecordIdMaxLength = 200;

/** `chainRecordRefSchema` for the workflow, which links what a service event announces. */
export const chainRecordRefCheck = object({
  recordId: string(minLength(1), maxLength(chainRecordIdMaxLength)),
  recordHash: string(matches(sha256Hex.pattern, sha256Hex.reason)),
});
