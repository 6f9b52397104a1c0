import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { FundingBalance, FundingSummary, LedgerEntry } from '@mitra/contracts';
import { systemEnv } from '@mitra/testing';
import { LedgerRepository, type StoredEntry } from './ledger.repository';
import { ledgerCollection, ledgerFiguresVersion } from './ledger.schema';

describe('the ledger repository on the real database', () => {
  let connection: mongoose.Connection;
  /** A process of its own. */
  const process = () => new LedgerRepository(connection);
  const newPartnership = () => randomBytes(10).toString('hex');
  const stored = (sequence: number, entry: Partial<LedgerEntry> = {}): StoredEntry => ({
    entry: {
      sequence,
      at: '2026-03-01T00:00:00.000Z',
      actor: { userId: 'u', role: 'admin' },
      kind: 'approval',
      request: 1,
      ...entry,
    } as LedgerEntry,
    command: { key: `key-${sequence}`, subject: 'funding.disbursement.approve', inputHash: 'h' },
  });
  const figures = (sequence: number) => ({
    balance: { sequence } as FundingBalance,
    summary: { sequence } as FundingSummary,
  });

  async function write(repository: LedgerRepository, partnershipId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const { sequence } = await repository.head(partnershipId);
      expect(
        (await repository.append(partnershipId, sequence, stored(sequence + 1), [], figures(sequence + 1)))
          .status,
      ).toBe('appended');
    }
  }

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_funding' })
      .asPromise();
  });
  afterAll(async () => {
    await connection.close();
  });

  it('keeps every partnership in one collection, and refuses a second entry with the sequence another writer took', async () => {
    const partnershipId = newPartnership();
    const [first, second] = [process(), process()];
    expect((await first.append(partnershipId, 0, stored(1), [], figures(1))).status).toBe('appended');
    expect(
      await second.append(
        partnershipId,
        0,
        { ...stored(1), command: { ...stored(1).command, key: 'other' } },
        [],
        figures(1),
      ),
    ).toEqual({
      status: 'conflict',
      expectedRevision: 0,
    });
    expect((await second.entries(partnershipId)).map((s) => s.command.key)).toEqual(['key-1']);
    expect(await connection.collection(ledgerCollection).countDocuments({ aggregateId: partnershipId })).toBe(
      1,
    );
  });

  it('reads a ledger in sequence order, a page of it, and the latest entry with the figures after it', async () => {
    const partnershipId = newPartnership();
    await write(process(), partnershipId, 40);
    const reader = process();
    expect((await reader.entries(partnershipId)).map((s) => s.entry.sequence)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(
      (await reader.entries(partnershipId, { after: 37, limit: 2 })).map((s) => s.entry.sequence),
    ).toEqual([38, 39]);
    expect(await reader.head(partnershipId)).toEqual({
      sequence: 40,
      figures: { version: ledgerFiguresVersion, ...figures(40) },
    });
    expect(await reader.head(newPartnership())).toEqual({ sequence: 0 });
  });

  it('serves no figures of another version: the service recomputes them instead', async () => {
    const partnershipId = newPartnership();
    await write(process(), partnershipId, 2);
    await connection
      .collection(ledgerCollection)
      .updateOne({ _id: `${partnershipId}:2` } as never, {
        $set: { 'state.version': ledgerFiguresVersion - 1 },
      });
    expect(await process().head(partnershipId)).toEqual({ sequence: 2 });
  });

  it('finds the entry a key wrote, and the reversals of a range of entries', async () => {
    const partnershipId = newPartnership();
    const repository = process();
    await write(repository, partnershipId, 3);
    const reversal = (sequence: number, reverses: number) =>
      stored(sequence, {
        kind: 'reversal',
        reverses,
        reversedKind: 'approval',
        reason: 'salah',
      } as Partial<LedgerEntry>);
    await repository.append(partnershipId, 3, reversal(4, 2), [], figures(4));
    await repository.append(partnershipId, 4, reversal(5, 3), [], figures(5));
    expect(await repository.reversalsOf(partnershipId, 1, 2)).toEqual(new Map([[2, 4]]));
    expect(await repository.reversalsOf(partnershipId, 1, 5)).toEqual(
      new Map([
        [2, 4],
        [3, 5],
      ]),
    );
    expect((await repository.byKey(partnershipId, 'key-2'))?.entry.sequence).toBe(2);
    expect(await repository.byKey(partnershipId, 'key-9')).toBeNull();
  });

  it('gives the audit every stored document with the fields the hash chain covers, gaps and all', async () => {
    const partnershipId = newPartnership();
    await write(process(), partnershipId, 3);
    await connection.collection(ledgerCollection).deleteOne({ _id: `${partnershipId}:2` } as never);
    const documents = await process().stored(partnershipId);
    expect(
      documents.map((d) => [
        d._id,
        d.partnershipId,
        d.sequence,
        d.entry.sequence,
        (d.command as { key: string }).key,
      ]),
    ).toEqual([
      [`${partnershipId}:1`, partnershipId, 1, 1, 'key-1'],
      [`${partnershipId}:3`, partnershipId, 3, 3, 'key-3'],
    ]);
  });
});
