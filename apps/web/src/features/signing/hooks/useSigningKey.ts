import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '#shared/api';
import { enrolSigningKey, fetchSigningKey } from '../api/agreements-api';
import { generateSigningKey } from '../crypto/browser-key';
import { ensureEnrolledKey, type EnrolmentDeps, type Signer } from '../crypto/enrolment';
import { loadSigningKey, saveSigningKey, type StoredSigningKey } from '../crypto/key-store';

export type SigningKeyState =
  | { status: 'none' }
  /** In this browser, but the api does not know it (enrolment interrupted, or the api's data was reset). */
  | { status: 'local-only'; key: StoredSigningKey }
  | { status: 'enrolled'; key: StoredSigningKey };

const enrolmentDeps: EnrolmentDeps = {
  load: (userId, organisationId) => loadSigningKey(userId, organisationId),
  save: (key) => saveSigningKey(key),
  generate: () => generateSigningKey(),
  enrol: (input, idempotencyKey) => enrolSigningKey(input, idempotencyKey),
  now: () => new Date().toISOString(),
};

const signingKeyQueryKey = (signer: Signer | undefined) =>
  ['signing-key', signer?.userId ?? '', signer?.organisationId ?? ''] as const;

async function readKeyState(signer: Signer, signal: AbortSignal): Promise<SigningKeyState> {
  const key = await loadSigningKey(signer.userId, signer.organisationId);
  if (!key) return { status: 'none' };
  if (!key.enrolledAt) return { status: 'local-only', key };
  try {
    await fetchSigningKey(key.keyId, signal);
    return { status: 'enrolled', key };
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'NOT_FOUND') throw error;
    const unenrolled = { ...key, enrolledAt: null };
    await saveSigningKey(unenrolled);
    return { status: 'local-only', key: unenrolled };
  }
}

/** This signer's key in this browser, and enrolling it (or a fresh one) with the api. */
export function useSigningKey(signer: Signer | undefined) {
  const queryClient = useQueryClient();
  const queryKey = signingKeyQueryKey(signer);
  const state = useQuery({
    queryKey,
    queryFn: ({ signal }) => readKeyState(signer!, signal),
    enabled: signer !== undefined,
    // The CryptoKey must stay the very object IndexedDB returned.
    structuralSharing: false,
  });
  const enrol = useMutation({
    mutationFn: (options: { replace?: boolean }) => ensureEnrolledKey(signer!, enrolmentDeps, options),
    onSuccess: (key) =>
      queryClient.setQueryData(queryKey, (): SigningKeyState => ({ status: 'enrolled', key })),
  });
  return { state, enrol };
}
