import type { ChainCheckpoint, ChainLink, DomainEvent, HistoryStep, LedgerEntry, StoredRecordDigest } from '@mitra/contracts';
import { sha256Hex } from '../agreements/content-hash';
import { canonicalize } from '../common/canonical-json';
import { createAgreement } from '../agreements/agreement';
import { coordinator, fakeKey, fakeSign, fakeVerify, fields, orgIds, partnerOf } from '../agreements/agreement.fixtures';
import { openSigning, sign } from '../agreements/signing';
import {
  appendLink,
  chainOfHistory,
  chainRecordOfEvent,
  emptyChain,
  ledgerRecordHash,
  linkGraceMs,
  signatureRecordHash,
  signatureRecordId,
  verifyChain,
  type LedgerRecord,
} from './hash-chain';

const partnershipId = '0123456789abcdef0123';
const t0 = '2026-03-01T00:00:00.000Z';
const minutesAfter = (minutes: number) => new Date(Date.parse(t0) + minutes * 60_000).toISOString();
const command = { key: 'key-1', subject: 'funding.receipt.record', inputHash: 'ab'.repeat(32) };

function ledgerRecord(sequence: number, amount: number): LedgerRecord {
  const entry: LedgerEntry = {
    kind: 'receipt',
    sequence,
    at: minutesAfter(sequence),
    actor: coordinator,
    commitment: 1,
    amount,
    receivedOn: '2026-03-01',
    reference: `TRF-${sequence}`,
    pot: 'common',
    payerOrganisationId: orgIds.company,
    receiverOrganisationId: orgIds.bappeda,
  };
  return { partnershipId, sequence, entry, command: { ...command, key: `key-${sequence}` } };
}

const recordId = (sequence: number) => `${partnershipId}:${sequence}`;
const stored = (sequence: number, record: LedgerRecord): StoredRecordDigest => ({
  kind: 'ledgerEntry',
  recordId: recordId(sequence),
  recordHash: ledgerRecordHash(record),
  at: record.entry.at,
});

const appended = (sequence: number, record: LedgerRecord, eventId = `funding:${partnershipId}:${sequence}:0`): DomainEvent => ({
  eventId,
  type: 'funding.ledger.appended',
  occurredAt: record.entry.at,
  partnershipId,
  organisationIds: [],
  data: { recordId: recordId(sequence), sequence, recordHash: ledgerRecordHash(record) },
});

/** The history of a partnership with one decision (announced twice) and three ledger entries (one announced twice). */
function history(records: LedgerRecord[]): HistoryStep[] {
  const step = { runId: 'run-1', at: t0 };
  const decision = { idempotencyKey: 'decision-key-1', actor: coordinator, taskId: '1.1', evidence: [] };
  const result = { decisionId: 'd-1', kind: 'completeTask' as const, at: minutesAfter(0.5), stage: 'initiation' as const, status: 'active' as const };
  return [
    { ...step, type: 'started', eventId: 1, input: { partnershipId, name: 'Kemitraan', startedBy: coordinator, startedAt: t0, settings: {} as never } },
    { ...step, type: 'decision', eventId: 5, kind: 'completeTask', payload: decision, recordedResult: result },
    { ...step, type: 'decision', eventId: 9, kind: 'completeTask', payload: decision, recordedResult: result },
    ...records.map((record, i): HistoryStep => ({ ...step, type: 'serviceEvent', eventId: 20 + i, event: appended(i + 1, record) })),
    { ...step, type: 'serviceEvent', eventId: 40, event: appended(2, records[1]!, 'redelivered') },
    { ...step, type: 'serviceEvent', eventId: 41, event: { ...appended(1, records[0]!), eventId: 'other', type: 'monitoring.baseline.fixed' } },
    { ...step, type: 'timerFired', eventId: 42 },
  ];
}

const checkpointsOf = (links: ChainLink[]): ChainCheckpoint[] =>
  links.map((link) => ({ runId: 'run-1', eventId: 100 + link.seq, at: t0, length: link.seq, head: link.hash }));

describe('the partnership hash chain', () => {
  it('links each record to the hash of the one before, starting from a hash of the partnership', () => {
    const chain = emptyChain(partnershipId);
    expect(chain.head).toBe(sha256Hex(canonicalize({ chain: 'mitra.partnership', partnershipId })));
    expect(emptyChain('ffffffffffffffffffff').head).not.toBe(chain.head);

    const first = appendLink(chain, { kind: 'decision', recordId: 'k1', recordHash: 'a'.repeat(64) })!;
    const second = appendLink(chain, { kind: 'ledgerEntry', recordId: recordId(1), recordHash: 'b'.repeat(64) })!;
    expect(first).toMatchObject({ seq: 1, previousHash: emptyChain(partnershipId).head });
    expect(second).toMatchObject({ seq: 2, previousHash: first.hash });
    const { hash, ...fields } = second;
    expect(hash).toBe(sha256Hex(canonicalize(fields)));
    expect(chain).toMatchObject({ length: 2, head: second.hash, linked: ['decision:k1', `ledgerEntry:${recordId(1)}`] });
  });

  it('links a record once however often it is announced', () => {
    const chain = emptyChain(partnershipId);
    appendLink(chain, { kind: 'signature', recordId: 's1', recordHash: 'a'.repeat(64) });
    expect(appendLink(chain, { kind: 'signature', recordId: 's1', recordHash: 'c'.repeat(64) })).toBeUndefined();
    expect(chain.length).toBe(1);
  });

  it('takes the record from ledger and signature events only, and only with a well-formed hash', () => {
    const record = ledgerRecord(1, 1_000_000);
    expect(chainRecordOfEvent(appended(1, record))).toEqual({ kind: 'ledgerEntry', recordId: recordId(1), recordHash: ledgerRecordHash(record) });
    const signed = { ...appended(1, record), type: 'agreements.pks.signed', data: { recordId: 'a:r1:o', recordHash: 'f'.repeat(64) } };
    expect(chainRecordOfEvent(signed)).toEqual({ kind: 'signature', recordId: 'a:r1:o', recordHash: 'f'.repeat(64) });
    expect(chainRecordOfEvent({ ...signed, type: 'agreements.pks.declined' })).toBeUndefined();
    expect(chainRecordOfEvent({ ...signed, data: { recordId: 'a:r1:o', recordHash: 'not a hash' } })).toBeUndefined();
  });

  it('hashes a ledger record whatever the order of its fields, and differently once an amount changes', () => {
    const record = ledgerRecord(1, 1_000_000);
    const reordered = JSON.parse(JSON.stringify({ command: record.command, entry: { ...record.entry }, sequence: 1, partnershipId })) as LedgerRecord;
    expect(ledgerRecordHash(reordered)).toBe(ledgerRecordHash(record));
    expect(ledgerRecordHash(ledgerRecord(1, 1_000_001))).not.toBe(ledgerRecordHash(record));
  });

  it('announces each signature with the hash of the signature as the agreement stores it', () => {
    const key = fakeKey('yayasan-signer', orgIds.yayasan, 2);
    let state = createAgreement({ id: '64b000000000000000000001', kind: 'mou', partnershipId, fields: fields() }, { actor: coordinator, now: t0 });
    state = openSigning(state, { versionNumber: 1, mode: 'parallel', expiresAt: minutesAfter(60 * 24) }, { actor: coordinator, now: t0 }).state;
    const contentHash = state.versions[0]!.contentHash;
    const signed = sign(
      state,
      { versionNumber: 1, signature: { organisationId: orgIds.yayasan, keyId: key.keyId, contentHash, value: fakeSign(key, contentHash) } },
      { actor: partnerOf('yayasan'), now: minutesAfter(5), key, verify: fakeVerify },
    );
    const signature = signed.state.rounds[0]!.signatures[0]!;
    expect(signed.events[0]!.data).toMatchObject({
      recordId: signatureRecordId(state.id, 1, orgIds.yayasan),
      recordHash: signatureRecordHash({ agreementId: state.id, versionNumber: 1, roundNumber: 1, signature }),
    });
    expect(signatureRecordHash({ agreementId: state.id, versionNumber: 1, roundNumber: 1, signature: { ...signature, value: 'x' } })).not.toBe(
      signed.events[0]!.data.recordHash,
    );
  });

  it('rebuilds the chain from the history: decisions at the time of their result, announced records once, in history order', () => {
    const records = [ledgerRecord(1, 100), ledgerRecord(2, 200), ledgerRecord(3, 300)];
    const { chain, links } = chainOfHistory(partnershipId, history(records));
    expect(links.map((link) => [link.seq, link.kind, link.recordId])).toEqual([
      [1, 'decision', 'decision-key-1'],
      [2, 'ledgerEntry', recordId(1)],
      [3, 'ledgerEntry', recordId(2)],
      [4, 'ledgerEntry', recordId(3)],
    ]);
    expect(links[0]!.recordHash).toBe(
      sha256Hex(canonicalize({ kind: 'completeTask', at: minutesAfter(0.5), input: { idempotencyKey: 'decision-key-1', actor: coordinator, taskId: '1.1', evidence: [] } })),
    );
    expect(chain).toMatchObject({ length: 4, head: links[3]!.hash });
  });
});

describe('verifying the chain against the stored records', () => {
  const records = [ledgerRecord(1, 100), ledgerRecord(2, 200), ledgerRecord(3, 300), ledgerRecord(4, 400)];
  const { chain, links } = chainOfHistory(partnershipId, history(records));
  const checkpoints = checkpointsOf(links);
  const now = minutesAfter(60);
  const verify = (stores: StoredRecordDigest[], options: { checkpoints?: ChainCheckpoint[]; at?: string } = {}) =>
    verifyChain({ partnershipId, chain, links, checkpoints: options.checkpoints ?? checkpoints, records: stores, now: options.at ?? now });
  const intact = records.map((record, i) => stored(i + 1, record));

  it('finds nothing when every record is as linked', () => {
    const report = verify(intact);
    expect(report).toMatchObject({ intact: true, findings: [], stored: { ledgerEntry: 4, signature: 0 } });
    expect(report.chain).toMatchObject({ length: 5, checkpointed: 5, links: { decision: 1, ledgerEntry: 4, signature: 0 } });
  });

  it('names an edited, a deleted and two swapped entries', () => {
    const edited = stored(1, { ...records[0]!, entry: { ...records[0]!.entry, amount: 999 } as LedgerEntry });
    const swapped = [{ ...stored(2, records[2]!) }, { ...stored(3, records[1]!) }];
    const report = verify([edited, ...swapped]);
    expect(report.intact).toBe(false);
    expect(report.findings.map((f) => [f.problem, f.recordId, f.linkedAs ?? null])).toEqual([
      ['edited', recordId(1), null],
      ['reordered', recordId(2), recordId(3)],
      ['reordered', recordId(3), recordId(2)],
      ['deleted', recordId(4), null],
    ]);
    expect(report.findings[0]).toMatchObject({ kind: 'ledgerEntry', seq: 2, linkedHash: links[1]!.recordHash, storedHash: edited.recordHash });
  });

  it('tells a record slipped in long ago from one whose announcement may still be on its way', () => {
    const extra = (sequence: number, at: string): StoredRecordDigest => ({ ...stored(sequence, ledgerRecord(sequence, 5)), at });
    const report = verify([...intact, extra(5, minutesAfter(1)), extra(6, new Date(Date.parse(now) - linkGraceMs / 2).toISOString())]);
    expect(report.findings.map((f) => [f.problem, f.recordId])).toEqual([
      ['inserted', recordId(5)],
      ['notYetLinked', recordId(6)],
    ]);
    expect(report.intact).toBe(false);
    expect(verify([...intact, extra(6, now)]).intact).toBe(true);
  });

  it('names the record whose announcement was changed in the history after its head was checkpointed', () => {
    const changed = history(records).map((step) =>
      step.type === 'serviceEvent' && step.eventId === 21 ? { ...step, event: appended(2, ledgerRecord(2, 201)) } : step,
    );
    const rebuilt = chainOfHistory(partnershipId, changed);
    const report = verifyChain({ partnershipId, ...rebuilt, checkpoints, records: intact, now });
    expect(report.findings.filter((f) => f.problem === 'historyAltered').map((f) => [f.kind, f.recordId, f.seq])).toEqual([['ledgerEntry', recordId(2), 3]]);
  });

  it('names the checkpoint when the history lost links it had checkpointed', () => {
    const rebuilt = chainOfHistory(partnershipId, history(records).filter((step) => !(step.type === 'serviceEvent' && step.eventId >= 22)));
    const report = verifyChain({ partnershipId, ...rebuilt, checkpoints, records: intact.slice(0, 2), now });
    expect(report.findings).toEqual([{ problem: 'historyAltered', kind: 'checkpoint', recordId: 'run-1#104', seq: 4, linkedHash: links[3]!.hash }]);
  });
});
