import type { EnrolKeyInput, SigningKey } from '@mitra/contracts';
import { generateSigningKey } from './browser-key';
import { ensureEnrolledKey, enrolmentIdempotencyKey, type EnrolmentDeps } from './enrolment';
import type { StoredSigningKey } from './key-store';

const signer = { userId: 'user-lpm', organisationId: '64b000000000000000000002' };

function harness(options: { failEnrolOnce?: boolean } = {}) {
  const stored = new Map<string, StoredSigningKey>();
  const sent: { input: EnrolKeyInput; idempotencyKey: string }[] = [];
  const saves: StoredSigningKey[] = [];
  let failures = options.failEnrolOnce ? 1 : 0;
  const deps: EnrolmentDeps = {
    load: async (userId, organisationId) => stored.get(`${userId}|${organisationId}`),
    save: async (key) => {
      saves.push(key);
      stored.set(key.id, key);
    },
    generate: () => generateSigningKey(),
    enrol: async (input, idempotencyKey) => {
      sent.push({ input, idempotencyKey });
      if (failures-- > 0) throw new Error('network down');
      const keyId = idempotencyKey.replace('key-', '');
      const key: SigningKey = {
        keyId,
        ...input,
        algorithm: 'Ed25519',
        enrolledAt: '2026-06-02T03:04:05.000Z',
        enrolledBy: input.userId,
      };
      return key;
    },
    now: () => '2026-06-02T03:04:00.000Z',
  };
  return { deps, stored, sent, saves };
}

describe('ensureEnrolledKey', () => {
  it('keeps the private key in the store first, then sends only the public key', async () => {
    const { deps, sent, saves } = harness();
    const key = await ensureEnrolledKey(signer, deps);

    expect(saves.map((s) => s.enrolledAt)).toEqual([null, '2026-06-02T03:04:05.000Z']);
    expect(sent).toEqual([
      { input: { ...signer, publicKey: key.publicKey }, idempotencyKey: enrolmentIdempotencyKey(key.keyId) },
    ]);
    expect(Object.keys(sent[0].input).sort()).toEqual(['organisationId', 'publicKey', 'userId']);
    expect(key.privateKey.extractable).toBe(false);
    expect(key.id).toBe(`${signer.userId}|${signer.organisationId}`);
  });

  it('reuses an enrolled key without asking the api again', async () => {
    const { deps, sent } = harness();
    const first = await ensureEnrolledKey(signer, deps);
    const again = await ensureEnrolledKey(signer, deps);
    expect(again.keyId).toBe(first.keyId);
    expect(sent).toHaveLength(1);
  });

  it('after a failed enrolment, retries with the same key and the same idempotency key', async () => {
    const { deps, sent } = harness({ failEnrolOnce: true });
    await expect(ensureEnrolledKey(signer, deps)).rejects.toThrow('network down');
    const key = await ensureEnrolledKey(signer, deps);
    expect(sent.map((s) => s.idempotencyKey)).toEqual([
      enrolmentIdempotencyKey(key.keyId),
      enrolmentIdempotencyKey(key.keyId),
    ]);
    expect(key.enrolledAt).not.toBeNull();
  });

  it('makes a fresh key on request', async () => {
    const { deps, stored } = harness();
    const first = await ensureEnrolledKey(signer, deps);
    const replaced = await ensureEnrolledKey(signer, deps, { replace: true });
    expect(replaced.keyId).not.toBe(first.keyId);
    expect(stored.get(first.id)?.keyId).toBe(replaced.keyId);
  });

  it('refuses an enrolment reply for another fingerprint', async () => {
    const { deps } = harness();
    const enrol = deps.enrol;
    deps.enrol = async (input, idempotencyKey) => ({
      ...(await enrol(input, idempotencyKey)),
      keyId: '0'.repeat(64),
    });
    await expect(ensureEnrolledKey(signer, deps)).rejects.toThrow('different key fingerprint');
  });
});
