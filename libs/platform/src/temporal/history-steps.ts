import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import {
  chainMemo,
  decisionKinds,
  serviceEventSignal,
  type ChainCheckpoint,
  type DecisionKind,
  type DecisionResult,
  type DomainEvent,
  type HistoryStep,
  type PartnershipLifecycleInput,
} from '@mitra/contracts';

type History = temporal.api.history.v1.IHistory;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

const values = (payloads: Payloads): unknown[] => (payloads?.payloads ?? []).map((payload) => defaultPayloadConverter.fromPayload(payload));

function timeOf(event: temporal.api.history.v1.IHistoryEvent): string {
  const seconds = Number(event.eventTime?.seconds ?? 0);
  const nanos = event.eventTime?.nanos ?? 0;
  return new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
}

/** Where a step or checkpoint sits; read only for the events that make one (most events are workflow tasks). */
const positionOf = (event: temporal.api.history.v1.IHistoryEvent) => ({ eventId: Number(event.eventId ?? 0), at: timeOf(event) });

const isDecisionKind = (name: string | null | undefined): name is DecisionKind => (decisionKinds as readonly string[]).includes(name ?? '');

/**
 * What the rules act on, read from one run's history: its start, accepted Updates (with the
 * result the workflow gave), service-event signals and fired timers.
 */
export function historySteps(runId: string, history: History): HistoryStep[] {
  const steps: HistoryStep[] = [];
  const results = new Map<string, DecisionResult>();
  for (const event of history.events ?? []) {
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    const updateId = completed?.meta?.updateId;
    if (updateId && completed?.outcome?.success) results.set(updateId, values(completed.outcome.success)[0] as DecisionResult);
  }
  for (const event of history.events ?? []) {
    const started = event.workflowExecutionStartedEventAttributes;
    if (started) {
      const [input, carried, chain] = values(started.input);
      steps.push({
        type: 'started',
        runId,
        ...positionOf(event),
        input: input as PartnershipLifecycleInput,
        ...(carried === undefined ? {} : { carried }),
        ...(chain === undefined ? {} : { chain }),
      });
      continue;
    }
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    const request = accepted?.acceptedRequest;
    if (request && isDecisionKind(request.input?.name)) {
      const updateId = request.meta?.updateId ?? '';
      const recordedResult = results.get(updateId);
      steps.push({ type: 'decision', runId, ...positionOf(event), kind: request.input!.name as DecisionKind, payload: values(request.input!.args)[0], ...(recordedResult ? { recordedResult } : {}) });
      continue;
    }
    const signalled = event.workflowExecutionSignaledEventAttributes;
    if (signalled?.signalName === serviceEventSignal.name) {
      steps.push({ type: 'serviceEvent', runId, ...positionOf(event), event: values(signalled.input)[0] as DomainEvent });
      continue;
    }
    if (event.timerFiredEventAttributes) steps.push({ type: 'timerFired', runId, ...positionOf(event) });
  }
  return steps;
}

export interface PartnershipHistory {
  partnershipId: string;
  runs: { runId: string; history: History }[];
}

export function partnershipSteps(history: PartnershipHistory): HistoryStep[] {
  return history.runs.flatMap((run) => historySteps(run.runId, run.history));
}

const isChainHead = (value: unknown): value is { length: number; head: string } =>
  typeof value === 'object' && value !== null && typeof (value as { head?: unknown }).head === 'string' && typeof (value as { length?: unknown }).length === 'number';

/**
 * The chain heads one run's history recorded: each memo change the workflow made when it linked a
 * record, and the chain a renewed cycle was started with.
 */
export function chainCheckpoints(runId: string, history: History): ChainCheckpoint[] {
  const checkpoints: ChainCheckpoint[] = [];
  for (const event of history.events ?? []) {
    const carried = values(event.workflowExecutionStartedEventAttributes?.input)[2];
    if (isChainHead(carried)) checkpoints.push({ runId, ...positionOf(event), length: carried.length, head: carried.head });
    const memo = event.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields;
    const head = memo?.[chainMemo.head];
    const length = memo?.[chainMemo.length];
    if (head && length) {
      checkpoints.push({ runId, ...positionOf(event), head: defaultPayloadConverter.fromPayload<string>(head), length: defaultPayloadConverter.fromPayload<number>(length) });
    }
  }
  return checkpoints;
}
