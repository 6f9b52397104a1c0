import type { DomainEvent, LifecycleNotification, LifecycleState, PendingItem } from '@mitra/contracts';
import { gateReadiness } from './gate-readiness';
import { addDays, isTerminal, notification, openPeriod, type DecisionContext } from './lifecycle-cycle';

// ---------------------------------------------------------------- service events

/** Applies an event from a service once; a repeated event id changes nothing. */
export function applyServiceEvent(state: LifecycleState, event: DomainEvent, now: string): boolean {
  if (state.appliedEventIds.includes(event.eventId)) return false;
  state.appliedEventIds.push(event.eventId);
  const data = event.data;
  const periodNumber = typeof data.periodNumber === 'number' ? data.periodNumber : undefined;
  const period = state.reportingPeriods.find((p) => p.number === periodNumber);
  switch (event.type) {
    case 'stakeholders.map.checked':
      state.facts.stakeholderMapPassed = data.passed === true;
      break;
    case 'monitoring.targets.chosen':
      state.facts.sdgTargetsChosen = true;
      break;
    case 'monitoring.baseline.fixed':
      state.facts.baselineFixed = true;
      break;
    case 'agreements.mou.effective':
      state.facts.mouEffective = {
        agreementId: String(data.agreementId),
        versionNumber: Number(data.versionNumber),
        at: event.occurredAt,
      };
      break;
    case 'funding.plan.committed':
      state.facts.fundingCommitted = true;
      break;
    case 'monitoring.report.submitted':
      if (period && period.status !== 'approved') period.status = 'submitted';
      break;
    case 'monitoring.report.approved':
      if (period) period.status = 'approved';
      break;
    case 'monitoring.report.returned':
      // Due again; `refresh` marks it late when its due date has passed.
      if (period && period.status === 'submitted') period.status = 'open';
      break;
    case 'monitoring.evaluation.completed':
      state.facts.evaluationCompleted = data.panelCoversAllGroups === true;
      break;
    default:
      return false;
  }
  refresh(state, now);
  return true;
}

// ---------------------------------------------------------------- timers

/** The next moment a timer must act, or undefined when nothing waits on time. */
export function nextDeadline(state: LifecycleState): string | undefined {
  if (state.status !== 'active') return undefined;
  const { settings, gate } = state;
  const moments: string[] = [];
  if (gate.readySince) {
    if (!gate.remindedAt) moments.push(addDays(gate.readySince, settings.remindAfterDays));
    if (!gate.escalatedAt) moments.push(addDays(gate.readySince, settings.escalateAfterDays));
  }
  if (state.stage === 'implementation') {
    const last = state.reportingPeriods[state.reportingPeriods.length - 1];
    if (last) moments.push(last.endsAt);
    for (const period of state.reportingPeriods) if (period.status === 'open') moments.push(period.dueAt);
  }
  return moments.sort()[0];
}

/** Acts on every deadline that has passed: reminders, escalations, new periods, late reports, inactivity. */
export function applyDeadlines(state: LifecycleState, context: DecisionContext): LifecycleNotification[] {
  const { now } = context;
  const notifications: LifecycleNotification[] = [];
  if (state.status !== 'active') return notifications;
  const { settings, gate } = state;
  if (gate.readySince) {
    if (!gate.remindedAt && addDays(gate.readySince, settings.remindAfterDays) <= now) {
      gate.remindedAt = now;
      notifications.push(
        notification(state, context, 'lifecycle.approval.reminded', {
          stage: state.stage,
          toRole: 'coordinator',
          coordinators: state.coordinators,
        }),
      );
    }
    if (!gate.escalatedAt && addDays(gate.readySince, settings.escalateAfterDays) <= now) {
      gate.escalatedAt = now;
      notifications.push(
        notification(state, context, 'lifecycle.approval.escalated', { stage: state.stage, toRole: 'admin' }),
      );
    }
  }
  if (state.stage === 'implementation') {
    let last = state.reportingPeriods[state.reportingPeriods.length - 1];
    while (last && last.endsAt <= now) {
      openPeriod(state, last.number + 1, last.endsAt, context, notifications);
      last = state.reportingPeriods[state.reportingPeriods.length - 1];
    }
    for (const period of state.reportingPeriods) {
      if (period.status === 'open' && period.dueAt <= now) {
        period.status = 'late';
        notifications.push(
          notification(state, context, 'lifecycle.report.chased', {
            periodNumber: period.number,
            dueAt: period.dueAt,
          }),
        );
      }
    }
    const recent = state.reportingPeriods
      .filter((p) => p.dueAt <= now)
      .slice(-settings.inactiveAfterMissedPeriods);
    if (recent.length === settings.inactiveAfterMissedPeriods && recent.every((p) => p.status === 'late')) {
      state.status = 'inactive';
      state.inactiveSince = now;
      notifications.push(
        notification(state, context, 'lifecycle.partnership.inactive', {
          missedPeriods: recent.map((p) => p.number),
        }),
      );
    }
  }
  refresh(state, now);
  return notifications;
}

// ---------------------------------------------------------------- what is pending

/** Recomputes gate readiness and the pending list after any change. */
export function refresh(state: LifecycleState, now: string): void {
  const ready = state.status === 'active' && gateReadiness(state, now).ready;
  if (ready && !state.gate.readySince) state.gate.readySince = now;
  if (!ready) {
    delete state.gate.readySince;
    delete state.gate.remindedAt;
    delete state.gate.escalatedAt;
  }
  const { settings } = state;
  const pending: PendingItem[] = [];
  if (state.gate.readySince) {
    pending.push({
      kind: 'gateApproval',
      forRole: 'coordinator',
      stage: state.stage,
      dueAt: addDays(state.gate.readySince, settings.approvalDueDays),
    });
  }
  const maturation = state.maturation;
  if (
    state.stage === 'maturation' &&
    maturation?.outcome === 'transfer' &&
    !maturation.transferAcceptedBy &&
    !isTerminal(state)
  ) {
    const decidedAt = [...state.decisions].reverse().find((d) => d.kind === 'decideMaturation')?.at ?? now;
    pending.push({
      kind: 'transferAcceptance',
      forRole: 'partner',
      forOrganisationId: maturation.newLeadOrganisationId,
      stage: state.stage,
      dueAt: addDays(decidedAt, settings.approvalDueDays),
    });
  }
  if (state.status === 'inactive' && state.inactiveSince) {
    pending.push({
      kind: 'inactivityDecision',
      forRole: 'coordinator',
      stage: state.stage,
      dueAt: addDays(state.inactiveSince, settings.approvalDueDays),
    });
  }
  if (state.stage === 'implementation' && !isTerminal(state)) {
    for (const period of state.reportingPeriods) {
      if (period.status === 'open' || period.status === 'late') {
        pending.push({
          kind: 'report',
          forRole: 'partner',
          stage: state.stage,
          dueAt: period.dueAt,
          periodNumber: period.number,
        });
      }
    }
  }
  state.pending = pending.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
