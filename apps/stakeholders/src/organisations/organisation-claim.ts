import type { Region } from '@mitra/contracts';
import { organisationIdentity } from '@mitra/domain';

/**
 * The key an organisation claims for its normalised name in its province and regency, with the
 * normalisation duplicate detection compares (`organisationIdentity`). At most one organisation
 * holds a key (a unique index), so of two registrations of the same new organisation racing, one
 * wins the insert and the other is refused.
 *
 * District and village are left out because duplicate detection ignores them too. What the claim
 * cannot cover is the detection's one fuzzy rule, that a record without a regency resembles every
 * regency of its province: a unique key is an exact value, so those look-alikes stay with the
 * (non-atomic) duplicate check and the duplicate report.
 */
export function organisationClaimKey(organisation: { name: string; region: Region }): string {
  const { nameKey, regionKeys } = organisationIdentity(organisation);
  // JSON, so no spelling of one part can run into the next.
  return JSON.stringify([nameKey, regionKeys.province, regionKeys.regency]);
}

/** An organisation as the start-up settlement sees it: the key its name wants and the claim it holds. */
export interface ClaimRecord {
  id: string;
  key: string;
  claim?: string | null;
}

/** Take `take` if no other organisation holds it; `release` the claim held otherwise (or anyway, when no take). */
export interface ClaimStep {
  id: string;
  take?: string;
  release?: string;
}

/**
 * What settles every organisation's claim: records from before claims existed take their key, and a
 * claim left on a name its holder no longer has (a rename stopped between moving the claim and
 * writing its version) moves back to the name it has. Where two records want one key, the older
 * (the smaller ObjectId) takes it and the other is left as it is: both are kept, and the duplicate
 * report lists the pair. Records that already hold their own key need nothing, so planning again
 * after the steps were applied yields no step.
 */
export function claimsToSettle(records: readonly ClaimRecord[]): ClaimStep[] {
  const held = new Map<string, string>();
  for (const record of records) if (record.claim && record.claim === record.key) held.set(record.key, record.id);

  const moves: ClaimStep[] = [];
  const takes: ClaimStep[] = [];
  const unsettled = records.filter((record) => record.claim !== record.key).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const record of unsettled) {
    const stale = record.claim ?? undefined;
    if (!held.has(record.key)) {
      held.set(record.key, record.id);
      (stale ? moves : takes).push(stale ? { id: record.id, take: record.key, release: stale } : { id: record.id, take: record.key });
    } else if (stale) {
      moves.push({ id: record.id, release: stale });
    }
  }
  // Stale claims first: one of them may hold the very key another record is about to take.
  return [...moves, ...takes];
}
