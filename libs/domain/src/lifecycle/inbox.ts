import type { Actor, Agreement, InboxItem, LifecycleState, MonitoringPlan, PendingItem, Role } from '@mitra/contracts';
import { approvalStatus } from '../funding/funding-rules';
import { liveRequests, type FundingState } from '../funding/funding-state';
import { addDays, isTerminal } from './lifecycle-rules';
import { roleIn } from './role-in';
import { stageTasks } from './stages';

/** What the inbox reads about one partnership; the services' parts are absent when unavailable. */
export interface PartnershipSnapshot {
  state: LifecycleState;
  plan?: MonitoringPlan;
  agreements?: Agreement[];
  /** The funding ledger folded; read for those who approve disbursements only. */
  funding?: FundingState;
}

const pendingKinds: Record<PendingItem['kind'], InboxItem['kind']> = {
  gateApproval: 'gate_approval',
  transferAcceptance: 'transfer_acceptance',
  inactivityDecision: 'inactivity_decision',
  report: 'report_due',
};

function isFor(actor: Actor, role: Role, pending: PendingItem): boolean {
  if (pending.forRole === 'partner') return role === 'partner' && (!pending.forOrganisationId || pending.forOrganisationId === actor.organisationId);
  if (pending.forRole === 'admin') return role === 'admin';
  return role === 'coordinator' || role === 'admin';
}

/** Disbursement requests the actor may approve now: unpaid, short of the plan's rule, neither asked nor approved by the actor. */
function disbursementsToApprove(actor: Actor, funding: FundingState) {
  const governance = funding.plan?.plan.governance;
  if (!governance) return [];
  return liveRequests(funding).filter(
    (request) =>
      !request.payment &&
      !approvalStatus(governance, request).satisfied &&
      request.entry.actor.userId !== actor.userId &&
      !request.approvals.some((approval) => approval.actor.userId === actor.userId),
  );
}

/**
 * Everything in one partnership that waits for `actor`, in the role it has there: for its coordinators the
 * stage's open coordinator tasks, the gate, reports to review, disbursements to approve and every signature
 * still missing; for a partner its organisation's reports, transfer and signatures. Each item names the
 * organisation concerned and links to the screen where it is done.
 */
export function inboxItemsOf(actor: Actor, snapshot: PartnershipSnapshot, now: string): InboxItem[] {
  const { state } = snapshot;
  const role = roleIn(actor, state);
  const coordinates = role === 'coordinator' || role === 'admin';
  const base = { partnershipId: state.partnershipId, partnershipName: state.name, stage: state.stage };
  const page = `/partnerships/${state.partnershipId}`;
  const lead = state.leadOrganisationId;
  const item = (
    kind: InboxItem['kind'],
    dueAt: string | undefined,
    link: string,
    about: { subject?: string; organisationId?: string; count?: number } = {},
  ): InboxItem => ({
    ...base,
    kind,
    ...(dueAt === undefined ? {} : { dueAt }),
    overdue: dueAt !== undefined && dueAt < now,
    link,
    ...Object.fromEntries(Object.entries(about).filter(([, value]) => value !== undefined)),
  });
  const items: InboxItem[] = [];
  if (coordinates && state.status === 'active') {
    const open = stageTasks(state.stage).filter((task) => task.owner === 'coordinator' && !state.tasks[task.id]);
    if (open.length > 0) items.push(item('tasks_open', undefined, `${page}#tasks`, { subject: state.stage, organisationId: lead, count: open.length }));
  }
  for (const pending of state.pending.filter((p) => isFor(actor, role, p))) {
    const subject = pending.periodNumber === undefined ? pending.stage : String(pending.periodNumber);
    const link = pending.kind === 'report' ? `${page}/reports?view=reports` : pending.kind === 'gateApproval' ? `${page}#gate` : page;
    items.push(item(pendingKinds[pending.kind], pending.dueAt, link, { subject, organisationId: pending.forOrganisationId ?? (pending.forRole === 'partner' ? actor.organisationId : lead) }));
  }
  if (coordinates) {
    for (const report of snapshot.plan?.reports.filter((r) => r.status === 'submitted') ?? []) {
      const due = addDays(report.submittedAt, state.settings.approvalDueDays);
      items.push(item('report_review', due, `${page}/reports?view=reports`, { subject: String(report.periodNumber), organisationId: report.organisationId }));
    }
    if (snapshot.funding && !isTerminal(state)) {
      for (const request of disbursementsToApprove(actor, snapshot.funding)) {
        const due = addDays(request.entry.at, state.settings.approvalDueDays);
        const about = { subject: String(request.entry.sequence), organisationId: request.entry.requestingOrganisationId };
        items.push(item('disbursement_approval', due, `${page}/funding?view=movements`, about));
      }
    }
  }
  for (const agreement of snapshot.agreements ?? []) {
    for (const signature of agreement.pendingSignatures) {
      const link = `/agreements/${agreement.id}`;
      const about = { subject: agreement.title, organisationId: signature.organisationId };
      // The lead's own officers are coordinators: whoever acts for a party is asked to sign for it.
      const ownParty = (actor.role === 'partner' || actor.role === 'coordinator') && signature.organisationId === actor.organisationId;
      if (ownParty && signature.mayNowSign) items.push(item('signature_due', signature.dueAt, link, about));
      else if (coordinates) items.push(item('signature_pending', signature.dueAt, link, about));
    }
  }
  return items;
}

/** Most urgent first: the earliest due date, overdue items therefore at the top; undated items last. */
export function byUrgency(items: InboxItem[]): InboxItem[] {
  const dueOf = (item: InboxItem) => item.dueAt ?? '\uffff';
  return [...items].sort((a, b) => dueOf(a).localeCompare(dueOf(b)) || a.partnershipName.localeCompare(b.partnershipName));
}
