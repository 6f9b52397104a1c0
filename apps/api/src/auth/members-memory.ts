import type { PartnershipMembers } from './membership';

/** How long members read from a workflow are trusted when no lifecycle event said they changed. */
export const membersTrustedForMs = 30_000;
/** Partnerships remembered at most (the least recently read are forgotten first). */
const rememberedAtMost = 10_000;

/**
 * What the api last read of partnerships' members, so that every request about a partnership does
 * not ask its workflow again (a state query: 5–6 ms of Temporal and worker CPU, 40% of an api read).
 * Entries are forgotten on every lifecycle event about the partnership (members join, leave, leads
 * change only through the workflow, which announces it) and after `membersTrustedForMs` in any case.
 *
 * A read that was under way while anything was forgotten is not remembered: it may predate the event.
 */
export class MembersMemory {
  private readonly known = new Map<string, { members: PartnershipMembers; readAt: number }>();
  private epoch = 0;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly trustedForMs = membersTrustedForMs,
  ) {}

  recall(partnershipId: string): PartnershipMembers | undefined {
    const entry = this.known.get(partnershipId);
    if (!entry) return undefined;
    if (this.clock() - entry.readAt < this.trustedForMs) return entry.members;
    this.known.delete(partnershipId);
    return undefined;
  }

  /** Marks the start of a read: pass it to `remember`. */
  begin(): { epoch: number; at: number } {
    return { epoch: this.epoch, at: this.clock() };
  }

  remember(partnershipId: string, members: PartnershipMembers, read: { epoch: number; at: number }): void {
    if (read.epoch !== this.epoch) return;
    this.known.delete(partnershipId);
    this.known.set(partnershipId, { members, readAt: read.at });
    if (this.known.size > rememberedAtMost) this.known.delete(this.known.keys().next().value!);
  }

  forget(partnershipId: string): void {
    this.epoch++;
    this.known.delete(partnershipId);
  }

  forgetAll(): void {
    this.epoch++;
    this.known.clear();
  }
}
