import type { AgreementVersion } from '@mitra/contracts';
import { contentHashOf, signedMessageOf } from '@mitra/domain';

export type PayloadRefusal = 'content-altered' | 'round-of-another-version';

export class PayloadRefusedError extends Error {
  constructor(readonly refusal: PayloadRefusal) {
    super(
      refusal === 'content-altered'
        ? 'the version text does not hash to its recorded content hash'
        : 'the signing round is for another content hash',
    );
    this.name = 'PayloadRefusedError';
  }
}

export interface SigningPayload {
  contentHash: string;
  /** The exact bytes the signature covers: the 32 raw bytes of the content hash. */
  message: Uint8Array;
}

/**
 * What a party signs for one version, the way the domain defines it: SHA-256 of the RFC 8785
 * canonical form of the version's content. The hash is recomputed here from the text the signer
 * reads, so a signature never covers a hash the server merely claims.
 */
export function signingPayloadOf(
  version: Pick<AgreementVersion, 'content' | 'contentHash'>,
  roundContentHash: string,
): SigningPayload {
  const contentHash = contentHashOf(version.content);
  if (contentHash !== version.contentHash) throw new PayloadRefusedError('content-altered');
  if (contentHash !== roundContentHash) throw new PayloadRefusedError('round-of-another-version');
  return { contentHash, message: signedMessageOf(contentHash) };
}
