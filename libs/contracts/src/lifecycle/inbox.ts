import { z } from 'zod';
import { textSchema } from '../common/text';
import { stageIds, type StageId } from './partnership-lifecycle';

export const inboxItemKinds = [
  'tasks_open',
  'gate_approval',
  'transfer_acceptance',
  'inactivity_decision',
  'report_due',
  'report_review',
  'disbursement_approval',
  'signature_due',
  'signature_pending',
] as const;
export type InboxItemKind = (typeof inboxItemKinds)[number];

/** Something waiting for the signed-in user, with the page where they act on it. */
export interface InboxItem {
  kind: InboxItemKind;
  partnershipId: string;
  partnershipName: string;
  stage: StageId;
  /** What is waiting, for the UI to name: a stage, a period number, an agreement title, a ledger entry number. */
  subject?: string;
  /** The organisation concerned: the partner that sent the report, asks for the money or is to sign; else the lead. */
  organisationId?: string;
  /** How many: the open tasks a `tasks_open` item stands for. */
  count?: number;
  /** Absent when nothing sets a deadline (open tasks): such items come after every dated one. */
  dueAt?: string;
  overdue: boolean;
  link: string;
}

/** A page of a list read from the inbox projection: never cut silently, `total` says how many there are. */
export interface Page<T> {
  items: T[];
  /** Everything that matches, on every page. */
  total: number;
  /** Pass as `cursor` for the next page; absent on the last. */
  nextCursor?: string;
  /** Services that did not answer: their items are missing, and the UI says so. */
  unavailable: string[];
}

/** The largest page the inbox and the partnerships list give. */
export const maxPageSize = 100;

const pagingFields = {
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(50),
};

export const inboxQuerySchema = z.strictObject(pagingFields);
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export type Inbox = Page<InboxItem>;

/** An auditor's landing: partnerships by their latest change, each with its last chain verification. */
export interface RecentPartnership {
  partnershipId: string;
  name: string;
  stage: StageId;
  status: string;
  changedAt: string;
  lastVerification?: { intact: boolean; at: string };
}
export type RecentPartnerships = Page<RecentPartnership>;

export const partnershipHealths = ['on_track', 'at_risk', 'off_track', 'inactive'] as const;
export type PartnershipHealth = (typeof partnershipHealths)[number];

/** Filters of the partnerships list; every one optional. */
export const partnershipListQuerySchema = z.strictObject({
  ...pagingFields,
  stage: z.enum(stageIds).optional(),
  /** An SDG goal number, 1–17. */
  sdg: z.coerce.number().int().min(1).max(17).optional(),
  /** A province or regency/city name, matched exactly. */
  region: textSchema({ max: 100 }).optional(),
  health: z.enum(partnershipHealths).optional(),
});
export type PartnershipListQuery = z.infer<typeof partnershipListQuerySchema>;

export interface PartnershipListItem {
  partnershipId: string;
  name: string;
  stage: StageId;
  status: string;
  sdgGoals: number[];
  region?: { province: string; regency?: string };
  health: PartnershipHealth | null;
  /** The earliest pending due date, when something waits. */
  dueAt?: string;
}

export type PartnershipList = Page<PartnershipListItem>;
