import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { commitmentInputSchema, fundingPlanInputSchema, type Actor, type LedgerEntry } from '@mitra/contracts';
import {
  applyEntry,
  emptyFundingState,
  foldLedger,
  fundingView,
  recordCommitment,
  setPlan,
  type FundingContext,
  type FundingDecision,
  type FundingState,
} from '@mitra/domain';
import { systemEnv } from '@mitra/testing';
import { LedgerRepository } from './ledger.repository';
import { LedgerStates } from './ledger-states';

const cityOffice = '64f000000000000000000001';
const coordinator: Actor = { userId: 'koordinator', role: 'coordinator', organisationId: cityOffice };
const context: FundingContext = {
  actor: coordinator,
  now: '2026-03-02T03:00:00.000Z',
  sectors: new Map([[cityOffice, 'government_regency']]),
};

/** A valid ledger: a plan, then `commitments` cash commitments of `amount` each. */
function ledgerOf(partnershipId: string, commitments: number, amount = 1_000_000): LedgerEntry[] {
  const state = emptyFundingState(partnershipId);
  const record = (decision: FundingDecision) => applyEntry(state, decision.entry);
  const plan = fundingPlanInputSchema.parse({
    mechanism: 'common_fund',
    fundHolderOrganisationId: cityOffice,
    lines: [
      {
        id: 'L1',
        activity: 'Penimbangan balita',
        amount: 900_000_000,
        year: 2026,
        sdgTargets: ['2.2'],
        responsibleOrganisationId: cityOffice,
        source: { kind: 'apbd' },
      },
    ],
  });
  record(setPlan(state, plan, context));
  for (let i = 0; i < commitments; i++) {
    const commitment = commitmentInputSchema.parse({
      organisationId: cityOffice,
      contribution: { kind: 'cash', amount },
      schedule: [{ dueOn: '2026-02-01', amount }],
    });
    record(recordCommitment(state, commitment, context));
  }
  return state.entries;
}

describe('folded ledgers kept between commands, on the real database', () => {
  let connection: mongoose.Connection;
  const newPartnership = () => randomBytes(10).toString('hex');
  const asStored = (entry: LedgerEntry) => ({
    entry,
    command: { key: `key-${entry.sequence}`, subject: 'funding.commitment.record', inputHash: 'h' },
  });

  async function store(repository: LedgerRepository, partnershipId: string, entries: LedgerEntry[]) {
    for (const entry of entries) {
      const result = await repository.append(partnershipId, entry.sequence - 1, asStored(entry), [], {
        balance: {} as never,
        summary: {} as never,
      });
      expect(result.status).toBe('appended');
    }
  }
  const view = (state: FundingState) => fundingView(state);

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_funding' })
      .asPromise();
  });
  afterAll(async () => {
    await connection.close();
  });

  it('catches a kept state up with the entries another process appended since', async () => {
    const partnershipId = newPartnership();
    const ledger = ledgerOf(partnershipId, 6);
    const [ours, theirs] = [new LedgerRepository(connection), new LedgerRepository(connection)];
    await store(theirs, partnershipId, ledger.slice(0, 4));
    const states = new LedgerStates(ours);
    expect((await states.read(partnershipId, view)).sequence).toBe(4);

    await store(theirs, partnershipId, ledger.slice(4));
    const reads = jest.spyOn(ours, 'entries');
    expect(await states.read(partnershipId, view)).toEqual(fundingView(foldLedger(partnershipId, ledger)));
    // From the kept copy's last entry on, not the whole ledger.
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads).toHaveBeenCalledWith(partnershipId, { after: 3 });
  });

  it('folds afresh when the stored ledger is not the continuation of the kept copy', async () => {
    const partnershipId = newPartnership();
    const repository = new LedgerRepository(connection);
    await store(repository, partnershipId, ledgerOf(partnershipId, 3, 1_000_000));
    const states = new LedgerStates(repository);
    await states.read(partnershipId, view);

    // Rewritten under the same id (as a restore of another copy would): one entry longer, other amounts.
    await connection.collection('ledger_entries').deleteMany({ aggregateId: partnershipId });
    const rewritten = ledgerOf(partnershipId, 4, 2_000_000);
    await store(repository, partnershipId, rewritten);
    expect(await states.read(partnershipId, view)).toEqual(fundingView(foldLedger(partnershipId, rewritten)));
  });

  it('never keeps a state holding an entry that was not stored', async () => {
    const partnershipId = newPartnership();
    const ledger = ledgerOf(partnershipId, 3);
    const repository = new LedgerRepository(connection);
    await store(repository, partnershipId, ledger.slice(0, 3));
    const states = new LedgerStates(repository);
    const taken = await states.checkOut(partnershipId);
    applyEntry(taken, ledger[3]!);
    // The command lost its race: it gives nothing back, and the next reader sees what is stored.
    expect((await states.read(partnershipId, view)).sequence).toBe(3);
  });

  it('holds at most its budget of entries, dropping the least recently used ledger first', async () => {
    const [first, second, third] = [newPartnership(), newPartnership(), newPartnership()];
    const repository = new LedgerRepository(connection);
    for (const partnershipId of [first, second, third])
      await store(repository, partnershipId, ledgerOf(partnershipId, 3));
    // Each ledger has 4 entries: two fit.
    const states = new LedgerStates(repository, 8);
    await states.read(first, view);
    await states.read(second, view);
    await states.read(first, view);
    await states.read(third, view);
    const reads = jest.spyOn(repository, 'entries');
    await states.read(first, view);
    await states.read(second, view);
    expect(reads.mock.calls).toEqual([[first, { after: 3 }], [second]]);
  });
});
