import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { publishEvent } from '@mitra/platform';
import { AckPolicy, DeliverPolicy, JSONCodec, NatsError, type JetStreamClient, type JetStreamManager } from 'nats';
import {
  domainEventSchema,
  eventRecordedEventType,
  eventStreamName,
  eventSubject,
  FundingEventType,
  partnershipWorkflowId,
  serviceEventSignal,
  type DomainEvent,
} from '@mitra/contracts';

/** One durable consumer per Temporal namespace, so each namespace's workflows get every event. */
export const bridgeConsumerName = (namespace: string) => `lifecycle-bridge-${namespace}`;

/** Event types the lifecycle workflow reacts to; everything else stays in the stream for others. */
export const lifecycleEventTypes = [
  'stakeholders.map.checked',
  'monitoring.targets.chosen',
  'monitoring.baseline.fixed',
  'agreements.mou.effective',
  'funding.plan.committed',
  'monitoring.report.submitted',
  'monitoring.report.approved',
  'monitoring.report.returned',
  'monitoring.evaluation.completed',
  // Records the partnership's hash chain links: every ledger entry, every signature of any agreement.
  FundingEventType.LedgerAppended,
  'agreements.*.signed',
] as const;

/** The API's code for "a consumer of that name exists with another configuration". */
const consumerExistsErrorCode = 10148;

/** Creates the bridge's consumer, or widens one an earlier release created to the event types of this one. */
export async function ensureBridgeConsumer(manager: JetStreamManager, durableName: string): Promise<void> {
  const filter_subjects = lifecycleEventTypes.map((type) => eventSubject(type));
  try {
    await manager.consumers.add(eventStreamName, { durable_name: durableName, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subjects });
  } catch (error) {
    if (!(error instanceof NatsError) || error.api_error?.err_code !== consumerExistsErrorCode) throw error;
    await manager.consumers.update(eventStreamName, durableName, { filter_subjects });
  }
}

const json = JSONCodec<unknown>();

/**
 * Tells the members' open screens (through the api's live stream) that the workflow has the event, so
 * they re-read its state. A query answers after the signals accepted before it, so the state read then
 * has it. Only a notice: a lost one costs a screen its refresh; a redelivered event's notice is stored once.
 */
export function recordedNotice(event: DomainEvent): DomainEvent {
  return {
    eventId: `lifecycle-recorded-${event.eventId}`,
    type: eventRecordedEventType,
    occurredAt: new Date().toISOString(),
    partnershipId: event.partnershipId,
    organisationIds: [],
    data: { eventType: event.type },
  };
}

function announceRecorded(jetstream: JetStreamClient, event: DomainEvent): void {
  publishEvent(jetstream, recordedNotice(event)).catch((error: unknown) =>
    console.warn(`[mitra] event bridge: notice of ${event.eventId} not announced: ${String(error)}`),
  );
}

/**
 * Carries service events from the durable stream into partnership workflows as signals. A message
 * is acknowledged only once its signal is accepted, so a crash re-delivers it; the workflow
 * de-duplicates by event id.
 */
export async function runEventBridge(deps: {
  jetstream: JetStreamClient;
  manager: JetStreamManager;
  temporal: Client;
  namespace: string;
  signal: AbortSignal;
}): Promise<void> {
  const durableName = bridgeConsumerName(deps.namespace);
  await ensureBridgeConsumer(deps.manager, durableName);
  const consumer = await deps.jetstream.consumers.get(eventStreamName, durableName);
  const messages = await consumer.consume({ max_messages: 100 });
  deps.signal.addEventListener('abort', () => void messages.close());
  for await (const message of messages) {
    const parsed = domainEventSchema.safeParse(json.decode(message.data));
    if (!parsed.success || !parsed.data.partnershipId) {
      // Publishers check events before they send them: one arriving malformed is a bug to see, not to skip unseen.
      console.error(`[mitra] event bridge: ${message.subject} #${message.seq} is no partnership event, left out: ${parsed.error?.message ?? 'no partnershipId'}`);
      message.term();
      continue;
    }
    const event: DomainEvent = parsed.data;
    try {
      await deps.temporal.workflow.getHandle(partnershipWorkflowId(event.partnershipId!)).signal(serviceEventSignal, event);
      message.ack();
      announceRecorded(deps.jetstream, event);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) message.term();
      else message.nak(5_000);
    }
  }
}
