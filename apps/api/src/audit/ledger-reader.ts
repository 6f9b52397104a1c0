import {
  type Actor,
  type LedgerEntryView,
  type LedgerPage,
  FundingContracts,
} from '@mitra/contracts';
import type { ServiceClient } from '@mitra/platform';

/** A partnership's whole ledger, page by page, read as `actor`. */
export async function readLedger(services: ServiceClient, actor: Actor, partnershipId: string): Promise<LedgerEntryView[]> {
  const entries: LedgerEntryView[] = [];
  for (let after: number | null = 0; after !== null; ) {
    const page: LedgerPage = await services.send(FundingContracts.ListLedger, { actor, partnershipId, after, limit: 500 });
    entries.push(...page.entries);
    after = page.nextAfter;
  }
  return entries;
}
