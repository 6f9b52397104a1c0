import type { AgreementVersion } from '@mitra/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { agreementKeys, submitDecline, submitSignature } from '../api/agreements-api';
import { signMessage } from '../crypto/browser-key';
import type { StoredSigningKey } from '../crypto/key-store';
import { signingPayloadOf } from '../crypto/signing-payload';

export interface SignRequest {
  version: AgreementVersion;
  roundContentHash: string;
  key: StoredSigningKey;
}

export interface DeclineRequest {
  versionNumber: number;
  reason: string;
  idempotencyKey: string;
}

/** Signing in the browser and declining with a reason; both refresh the agreement and its verification. */
export function useSigningActions(
  agreementId: string,
  partnershipId: string,
  organisationId: string | undefined,
) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: agreementKeys.agreement(agreementId), exact: true }),
      queryClient.invalidateQueries({ queryKey: agreementKeys.liveAgreement(partnershipId, agreementId) }),
    ]);

  const sign = useMutation({
    mutationFn: async ({ version, roundContentHash, key }: SignRequest) => {
      const { contentHash, message } = signingPayloadOf(version, roundContentHash);
      const value = await signMessage(key.privateKey, message);
      return submitSignature(agreementId, version.number, {
        organisationId: organisationId!,
        keyId: key.keyId,
        contentHash,
        value,
      });
    },
    onSettled: refresh,
  });

  const decline = useMutation({
    mutationFn: ({ versionNumber, reason, idempotencyKey }: DeclineRequest) =>
      submitDecline(
        agreementId,
        versionNumber,
        { organisationId: organisationId!, reason: reason.trim() },
        idempotencyKey,
      ),
    onSettled: refresh,
  });

  return { sign, decline };
}
