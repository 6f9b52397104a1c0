import type { DomainEvent } from '@mitra/contracts';
import type { AgreementDigest } from './agreement-changes';

export type OutboxEvent = DomainEvent;

/** Every agreement's revisions, one collection (`RevisionStore`): `_id` `<agreementId>:<revision>`. */
export const agreementLogCollection = 'agreement_log';

/**
 * What lists read by index, in small documents: one entry per agreement listed for everyone who may
 * list them all (`listedFor: '*'`: coordinators, admins, auditors), and one per organisation that is
 * or was a party to it (a partner's list). The log itself cannot serve these: its parties are an array
 * (FerretDB serves no index on arrays), and its revision 1, which knows the partnership and the
 * creation time, also holds version 1's whole text, which a range of them would read.
 *
 * Entries are inserted once, BEFORE the revision that calls for them, so a revision never lacks its
 * entries; one whose revision never came is passed over on read. The `*` entry also carries the digest
 * of the newest revision it was told of, so that a page of summaries is read with the page: a HINT,
 * never trusted alone (FerretDB's updates are not conditional, so two writers may leave the older
 * one): every read checks, in one query for the whole page, that no later revision exists, and reads
 * the log's own digest for those that have one.
 */
export const agreementDirectoryCollection = 'agreement_directory';

/** `listedFor` of the entry every agreement has. */
export const listedForAll = '*';

export interface AgreementDirectoryEntry {
  /** `<listedFor>:<agreementId>`. */
  _id: string;
  /** An organisation id, or `*`. */
  listedFor: string;
  agreementId: string;
  partnershipId: string;
  createdAt: string;
  /** `*` entries only: the revision whose digest follows (0 before revision 1 was written). */
  revision?: number;
  digest?: AgreementDigest | null;
}

/** The idempotency key of revision 1: the agreement id is derived from the create command's key, so this one key per agreement suffices. */
export const createKey = '~create';
/** The idempotency key of a revision that time alone made (`~` is not allowed in a client's key). */
export const timeKey = (revision: number) => `~time:${revision}`;
