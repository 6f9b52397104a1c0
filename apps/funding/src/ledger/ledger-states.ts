import { Inject, Injectable, Optional } from '@nestjs/common';
import { applyEntry, foldLedger, type FundingState } from '@mitra/domain';
import { LedgerRepository } from './ledger.repository';

/** How many entries the folded ledgers kept by one process may hold together (a few hundred MB at most). */
export const heldEntriesBudget = 200_000;
export const HELD_ENTRIES_BUDGET = Symbol('HELD_ENTRIES_BUDGET');

const sameEntry = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The partnerships' ledgers folded into `FundingState`, kept by this process between commands and
 * caught up with the entries stored since (one indexed range read, usually empty), so a command or a
 * view does not read and fold the whole ledger each time: at 10,000 entries that took ~5 s.
 *
 * Only ever a copy of what is stored: every use first reads the entries after the copy's sequence, so
 * another process's appends (or this one's) are seen, and a copy is kept only once it matches an
 * entry that is stored. A command takes its copy out (`checkOut`) and gives it back (`keep`) only
 * after its entry was appended: a lost race or an error leaves nothing half-applied behind. The
 * store's unique (partnership, sequence) stays what decides between two writers.
 */
@Injectable()
export class LedgerStates {
  /** In order of use, the least recent first. */
  private readonly states = new Map<string, FundingState>();
  private heldEntries = 0;
  private readonly budget: number;

  constructor(
    private readonly ledger: LedgerRepository,
    @Optional() @Inject(HELD_ENTRIES_BUDGET) budget?: number,
  ) {
    this.budget = budget ?? heldEntriesBudget;
  }

  /** The ledger folded up to its latest stored entry, for the caller alone. */
  async checkOut(partnershipId: string): Promise<FundingState> {
    const held = this.states.get(partnershipId);
    if (!held || held.sequence === 0) {
      if (held) this.drop(partnershipId, held);
      return foldLedger(partnershipId, (await this.ledger.entries(partnershipId)).map(({ entry }) => entry));
    }
    this.drop(partnershipId, held);
    // From the copy's last entry on: that one must still be stored as it was, or the copy is not
    // the beginning of this ledger any more (a ledger is append-only; a copy never outlives a rewrite).
    const [last, ...newer] = await this.ledger.entries(partnershipId, { after: held.sequence - 1 });
    if (!last || !sameEntry(last.entry, held.entries.at(-1)))
      return foldLedger(partnershipId, (await this.ledger.entries(partnershipId)).map(({ entry }) => entry));
    for (const { entry } of newer) applyEntry(held, entry);
    return held;
  }

  /** Keeps a state that matches what is stored (never one with an entry that was not appended). */
  keep(state: FundingState): void {
    const held = this.states.get(state.partnershipId);
    if (held && held.sequence > state.sequence) return;
    if (held) this.drop(state.partnershipId, held);
    if (state.entries.length > this.budget) return;
    this.states.set(state.partnershipId, state);
    this.heldEntries += state.entries.length;
    for (const [partnershipId, oldest] of this.states) {
      if (this.heldEntries <= this.budget) break;
      this.drop(partnershipId, oldest);
    }
  }

  /** A read on the caught-up state; the state is kept for the next one. */
  async read<T>(partnershipId: string, view: (state: FundingState) => T): Promise<T> {
    const state = await this.checkOut(partnershipId);
    try {
      return view(state);
    } finally {
      this.keep(state);
    }
  }

  private drop(partnershipId: string, state: FundingState): void {
    this.states.delete(partnershipId);
    this.heldEntries -= state.entries.length;
  }
}
