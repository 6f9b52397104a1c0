import type { Actor, Agreement, InboxItem, LifecycleState, MonitoringPlan, PendingItem } from '@mitra/contracts';
import { addDays } from './lifecycle-rules';

/** What the inbox reads about one partnership; the services' parts are absent when unavailable. */
export interface PartnershipSnapshot {
  state: LifecycleState;
  plan?: MonitoringPlan;
  agreements?: Agreement[];
}

const pendingKinds: Record<PendingItem['kind'], InboxItem['kind']> = {
  gateApproval: 'gate_approval',
  transferAcceptance: 'transfer_acceptance',
  inactivityDecision: 'inactivity_decision',
  report: 'report_due',
};

const coordinates = (actor: Actor) => actor.role === 'coordinator' || actor.role === 'admin';

function isFor(actor: Actor, pending: PendingItem): boolean {
  if (pending.forRole === 'partner') return actor.role === 'partner' && (!pending.forOrganisationId || pending.forOrganisationId === actor.organisationId);
  if (pending.forRole === 'admin') return actor.role === 'admin';
  return coordinates(actor);
}

/**
 * Everything in one partnership that waits for `actor`: the workflow's pending approvals, reports
 * to review, and signatures (its own organisation's; a coordinator also sees those overdue).
 */
export function inboxItemsOf(actor: Actor, snapshot: PartnershipSnapshot, now: string): InboxItem[] {
  const { state } = snapshot;
  const base = { partnershipId: state.partnershipId, partnershipName: state.name, stage: state.stage };
  const page = `/partnerships/${state.partnershipId}`;
  const item = (kind: InboxItem['kind'], dueAt: string, link: string, subject?: string): InboxItem => ({
    ...base,
    kind,
    dueAt,
    overdue: dueAt < now,
    link,
    ...(subject === undefined ? {} : { subject }),
  });
  const items: InboxItem[] = [];
  for (const pending of state.pending.filter((p) => isFor(actor, p))) {
    const subject = pending.periodNumber === undefined ? pending.stage : String(pending.periodNumber);
    items.push(item(pendingKinds[pending.kind], pending.dueAt, pending.kind === 'report' ? `${page}/reports` : page, subject));
  }
  if (coordinates(actor)) {
    for (const report of snapshot.plan?.reports.filter((r) => r.status === 'submitted') ?? []) {
      items.push(item('report_review', addDays(report.submittedAt, state.settings.approvalDueDays), `${page}/reports`, String(report.periodNumber)));
    }
  }
  for (const agreement of snapshot.agreements ?? []) {
    for (const signature of agreement.pendingSignatures) {
      const link = `/agreements/${agreement.id}`;
      // The lead's own officers are coordinators: whoever acts for a party is asked to sign for it.
      const ownParty = (actor.role === 'partner' || actor.role === 'coordinator') && signature.organisationId === actor.organisationId;
      if (ownParty && signature.mayNowSign) items.push(item('signature_due', signature.dueAt, link, agreement.title));
      else if (coordinates(actor) && signature.overdue) items.push(item('signature_overdue', signature.dueAt, link, agreement.title));
    }
  }
  return items;
}

/** Most urgent first: the earliest due date, overdue items therefore at the top. */
export function byUrgency(items: InboxItem[]): InboxItem[] {
  return [...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.partnershipName.localeCompare(b.partnershipName));
}
