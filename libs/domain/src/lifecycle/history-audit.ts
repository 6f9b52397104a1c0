import {
  decisionSchemas,
  MitraError,
  parseContract,
  type Decision,
  type DecisionKind,
  type Divergence,
  type HistoryStep,
  type LifecycleState,
  type TimelineEntry,
} from '@mitra/contracts';
import * as rules from './lifecycle-rules';
import { applyDeadlines, applyServiceEvent, cycleStarted, initialState, type CarriedState, type DecisionContext } from './lifecycle-rules';

/** The decision rules an audit applies: those in force, or (to prove the audit) altered ones. */
export interface LifecycleRules {
  refusal: typeof rules.refusal;
  applyDecision: typeof rules.applyDecision;
}
const lifecycleRules: LifecycleRules = { refusal: rules.refusal, applyDecision: rules.applyDecision };

export interface HistoryAudit {
  /** The partnership after the last step folded (null before its first start). */
  state: LifecycleState | null;
  divergences: Divergence[];
  timeline: TimelineEntry[];
}

/** Ids the rules hand out are random in the workflow; the audit never compares them. */
function contextAt(at: string): DecisionContext {
  let n = 0;
  return { now: at, newId: () => `audit-${at}-${++n}` };
}

function parseDecision(kind: DecisionKind, payload: unknown): Decision | string {
  try {
    return { kind, ...parseContract(decisionSchemas[kind], payload) } as Decision;
  } catch (error) {
    if (error instanceof MitraError) return `the contract refuses it: ${(error.errors ?? []).map((e) => `${e.field} ${e.reason}`).join('; ') || error.message}`;
    throw error;
  }
}

function evidenceOf(decision: Decision): TimelineEntry['evidence'] {
  if (decision.kind === 'completeTask') return decision.evidence.map((item) => ({ label: item.label, ...(item.url ? { url: item.url } : {}) }));
  if (decision.kind === 'decideMaturation' && decision.outcome === 'close' && decision.closureReport.documentRef) {
    return [{ label: 'closure report', url: decision.closureReport.documentRef }];
  }
  return [];
}

/**
 * Folds a partnership's history with the rules in force: every accepted decision must be one
 * that `refusal` still allows and whose result `applyDecision` still gives; anything else is a
 * divergence naming the history event. Stops after `until` (an ISO time) when given, which is
 * how the partnership is shown as it stood on a past date. `rules` replaces rules, for tests.
 */
export function auditHistory(steps: readonly HistoryStep[], options: { until?: string; rules?: Partial<LifecycleRules> } = {}): HistoryAudit {
  const { until } = options;
  const { refusal, applyDecision } = { ...lifecycleRules, ...options.rules };
  let state: LifecycleState | null = null;
  const divergences: Divergence[] = [];
  const timeline: TimelineEntry[] = [];
  for (const step of steps) {
    if (until !== undefined && step.at > until) break;
    if (step.type === 'started') {
      state = initialState(step.input, step.carried as CarriedState | undefined);
      cycleStarted(state, contextAt(step.at));
      continue;
    }
    if (!state) continue;
    if (step.type === 'serviceEvent') {
      applyServiceEvent(state, step.event, step.at);
      continue;
    }
    if (step.type === 'timerFired') {
      applyDeadlines(state, contextAt(step.at));
      continue;
    }
    const decision = parseDecision(step.kind, step.payload);
    const base = { runId: step.runId, eventId: step.eventId, kind: step.kind, at: step.at, recorded: 'accepted' };
    if (typeof decision === 'string') {
      divergences.push({ ...base, today: decision });
      continue;
    }
    const refused = refusal(state, decision, step.at);
    if (refused) {
      divergences.push({ ...base, actor: decision.actor, today: `refused (${refused.code}${refused.field ? ` ${refused.field}` : ''}): ${refused.reason}` });
      continue;
    }
    const stage = state.stage;
    const { result } = applyDecision(state, decision, contextAt(step.at));
    const recorded = step.recordedResult;
    if (recorded && (recorded.stage !== result.stage || recorded.status !== result.status)) {
      divergences.push({ ...base, actor: decision.actor, recorded: `${recorded.stage}/${recorded.status}`, today: `${result.stage}/${result.status}` });
    }
    const record = state.decisions.at(-1);
    timeline.push({
      runId: step.runId,
      eventId: step.eventId,
      at: step.at,
      cycle: state.cycle,
      stage,
      kind: step.kind,
      actor: decision.actor,
      ...(record?.reason ? { reason: record.reason } : {}),
      evidence: evidenceOf(decision),
      details: { ...(record?.details ?? {}) },
    });
  }
  return { state, divergences, timeline };
}
