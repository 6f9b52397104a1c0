import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { LedgerEntry } from '@mitra/contracts';
import { systemEnv } from '@mitra/testing';
import { LedgerRepository, type StoredEntry } from './ledger.repository';
import { ledgerCollectionName, PendingEventsRecord, PendingEventsSchema } from './ledger.schema';

describe('the ledger repository on the real database', () => {
  let connection: mongoose.Connection;
  /** A process of its own: an empty cache. */
  const process = () =>
    new LedgerRepository(connection, connection.model(PendingEventsRecord.name, PendingEventsSchema));
  const stored = (sequence: number): StoredEntry => ({
    entry: {
      sequence,
      at: '2026-03-01T00:00:00.000Z',
      actor: { userId: 'u', role: 'admin' },
      kind: 'approval',
      request: 1,
    } as LedgerEntry,
    command: { key: `key-${sequence}`, subject: 'funding.disbursement.approve', inputHash: 'h' },
  });
  const sequences = (entries: StoredEntry[]) => entries.map((s) => s.entry.sequence);

  async function write(repository: LedgerRepository, partnershipId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const ledger = await repository.load(partnershipId);
      expect(await repository.append(partnershipId, ledger, stored(ledger.length + 1), [])).toBe(true);
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

  it('refuses a second entry with the sequence another writer took', async () => {
    const partnershipId = randomBytes(10).toString('hex');
    const [first, second] = [process(), process()];
    const empty = await first.load(partnershipId);
    expect(await first.append(partnershipId, empty, stored(1), [])).toBe(true);
    expect(await second.append(partnershipId, empty, stored(1), [])).toBe(false);
    expect((await second.load(partnershipId)).map((s) => s.command.key)).toEqual(['key-1']);
  });

  it('reads a ledger cold in sequence order, and then sees the entries another process wrote since', async () => {
    const partnershipId = randomBytes(10).toString('hex');
    const writer = process();
    await write(writer, partnershipId, 40);
    const reader = process();
    expect(sequences(await reader.load(partnershipId))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await write(writer, partnershipId, 2);
    expect(sequences(await reader.load(partnershipId)).slice(-3)).toEqual([40, 41, 42]);
  });

  it('stops a cold read at a gap, as a writer that has not yet inserted its entry leaves one', async () => {
    const partnershipId = randomBytes(10).toString('hex');
    await write(process(), partnershipId, 3);
    await connection
      .collection<{ _id: string }>(ledgerCollectionName(partnershipId))
      .deleteOne({ _id: `${partnershipId}:2` });
    expect(sequences(await process().load(partnershipId))).toEqual([1]);
  });
});
