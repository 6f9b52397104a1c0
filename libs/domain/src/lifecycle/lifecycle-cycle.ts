import type { LifecycleNotification, LifecycleState, PartnershipLifecycleInput } from '@mitra/contracts';
import { firstStage } from './stages';

/** A partnership cycle's state: how it starts, what the next cycle carries, when it has ended. */
const dayMs = 24 * 60 * 60 * 1000;
export const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * dayMs).toISOString();

/** What a renewed cycle keeps from the one before it. */
export type CarriedState = Pick<
  LifecycleState,
  'cycle' | 'partners' | 'coordinators' | 'leadOrganisationId' | 'processedKeys' | 'appliedEventIds'
> &
  Partial<Pick<LifecycleState, 'decisionFingerprints'>> & { previousRunId: string };

export function initialState(input: PartnershipLifecycleInput, carried?: CarriedState): LifecycleState {
  return {
    partnershipId: input.partnershipId,
    name: input.name,
    cycle: carried ? carried.cycle + 1 : 1,
    previousRunId: carried?.previousRunId,
    stage: firstStage,
    status: 'active',
    startedAt: input.startedAt,
    startedBy: input.startedBy.userId,
    settings: input.settings,
    coordinators: carried?.coordinators ?? [input.startedBy.userId],
    leadOrganisationId: carried ? carried.leadOrganisationId : input.leadOrganisationId,
    partners:
      carried?.partners.filter((p) => !p.withdrawnAt) ??
      (input.leadOrganisationId
        ? [{ organisationId: input.leadOrganisationId, role: 'lead', joinedAt: input.startedAt }]
        : []),
    tasks: {},
    answers: {},
    facts: {
      stakeholderMapPassed: false,
      sdgTargetsChosen: false,
      baselineFixed: false,
      fundingCommitted: false,
      evaluationCompleted: false,
    },
    reportingPeriods: [],
    gate: {},
    pending: [],
    decisions: [],
    processedKeys: carried?.processedKeys ?? {},
    decisionFingerprints: carried?.decisionFingerprints ?? {},
    appliedEventIds: carried?.appliedEventIds ?? [],
  };
}

export function carryForward(state: LifecycleState, previousRunId: string): CarriedState {
  const { cycle, partners, coordinators, processedKeys, decisionFingerprints, appliedEventIds } = state;
  const leadOrganisationId = state.leadOrganisationId;
  return {
    cycle,
    partners,
    coordinators,
    leadOrganisationId,
    processedKeys,
    decisionFingerprints,
    appliedEventIds,
    previousRunId,
  };
}

export const isTerminal = (state: LifecycleState) =>
  state.status === 'closed' || state.status === 'transferred' || state.status === 'terminated';

export const activePartner = (state: LifecycleState, organisationId?: string) =>
  organisationId !== undefined &&
  state.partners.some((p) => p.organisationId === organisationId && !p.withdrawnAt);

export interface DecisionContext {
  now: string;
  newId: () => string;
}

export function notification(
  state: LifecycleState,
  context: DecisionContext,
  type: LifecycleNotification['type'],
  data: Record<string, unknown>,
): LifecycleNotification {
  return { eventId: context.newId(), type, partnershipId: state.partnershipId, at: context.now, data };
}

export function openPeriod(
  state: LifecycleState,
  number: number,
  opensAt: string,
  context: DecisionContext,
  notifications: LifecycleNotification[],
): void {
  const endsAt = addDays(opensAt, state.settings.reportingPeriodDays);
  const period = {
    number,
    opensAt,
    endsAt,
    dueAt: addDays(endsAt, state.settings.reportGraceDays),
    status: 'open' as const,
  };
  state.reportingPeriods.push(period);
  notifications.push(
    notification(state, context, 'lifecycle.report.opened', {
      periodNumber: number,
      endsAt,
      dueAt: period.dueAt,
    }),
  );
}
