import type { Actor } from '../common/actor';
import type { DomainEvent } from '../events/domain-event';
import type { DecisionKind, DecisionResult, LifecycleStatus, PartnerRole, PartnershipLifecycleInput, StageId } from '../lifecycle/partnership-lifecycle';
import type { IndicatorProgress } from '../monitoring/views';

/**
 * A partnership workflow's history reduced to what the rules act on, in history order: the
 * start of each run, the human decisions its Updates accepted (with what the workflow answered),
 * the services' events and the timers that fired. Built from Temporal's history by the api.
 */
export type HistoryStep =
  | { type: 'started'; runId: string; eventId: number; at: string; input: PartnershipLifecycleInput; carried?: unknown; chain?: unknown }
  | { type: 'decision'; runId: string; eventId: number; at: string; kind: DecisionKind; payload: unknown; recordedResult?: DecisionResult }
  | { type: 'serviceEvent'; runId: string; eventId: number; at: string; event: DomainEvent }
  | { type: 'timerFired'; runId: string; eventId: number; at: string };

/**
 * A recorded decision that today's rules would not have produced, named by its history event; or
 * (`chain`) a checkpointed chain head that the history no longer reproduces.
 */
export interface Divergence {
  runId: string;
  eventId: number;
  kind: DecisionKind | 'replay' | 'chain';
  at: string;
  actor?: Actor;
  /** What the history holds, and what the rules in force say instead. */
  recorded: string;
  today: string;
}

/** One human decision as an auditor reads it. */
export interface TimelineEntry {
  runId: string;
  eventId: number;
  at: string;
  cycle: number;
  stage: string;
  kind: DecisionKind;
  actor: Actor;
  reason?: string;
  /** Links and documents the decision referenced (task evidence, closure report, …). */
  evidence: { label: string; url?: string }[];
  details: Record<string, unknown>;
}

export interface RunReplay {
  runId: string;
  historyEvents: number;
  /** The Temporal SDK's replay of this run with the workflow code in force. */
  deterministic: boolean;
  failure?: string;
}

export interface ReplayReport {
  partnershipId: string;
  replayedAt: string;
  runs: RunReplay[];
  /** True when every run replays and every recorded decision is what today's rules produce. */
  agrees: boolean;
  divergences: Divergence[];
  timeline: TimelineEntry[];
}

/** The partnership as it stood at a moment, derived from its history and the services' records. */
export interface PartnershipSnapshot {
  partnershipId: string;
  asOf: string;
  /** False when the partnership had not started yet. */
  existed: boolean;
  name?: string;
  cycle?: number;
  stage?: StageId;
  status?: LifecycleStatus;
  partners: { organisationId: string; role: PartnerRole }[];
  mou: { agreementId: string; versionNumber: number } | null;
  indicators: IndicatorProgress[];
  /** Rupiah per movement kind, from the ledger entries written by then (absent without a funding record). */
  funding?: Record<string, number>;
}

export interface SnapshotChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface SnapshotComparison {
  from: PartnershipSnapshot;
  to: PartnershipSnapshot;
  changes: SnapshotChange[];
}
