import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AckPolicy, DeliverPolicy, JSONCodec, NatsError, type ConsumerMessages, type JsMsg } from 'nats';
import {
  domainEventSchema,
  ErrorCode,
  eventStreamName,
  eventSubject,
  inboxUpdatedEventType,
  MitraError,
  type DomainEvent,
} from '@mitra/contracts';
import { NatsConnectionHolder } from '../nats/nats-connection';
import { PartnershipSourcesReader } from './partnership-sources';
import { inboxEntriesOf, listingsOf } from './projection-documents';
import { ProjectionStore } from './projection-store';

/** The api's durable consumer of the event stream (libs/stack nats-access grants the api this one name). */
export const projectionConsumerName = 'inbox-projection';
/** The consumer's name: `projectionConsumerName`, another in tests that run a projector beside the api's. */
export const PROJECTION_CONSUMER = Symbol('PROJECTION_CONSUMER');
const consumerExistsErrorCode = 10148;
/** How often an event is tried before it is left to the partnership's next one. */
const maxAttempts = 5;
const retryDelayMs = 5_000;
/** The stream's clock and the api's may differ: an event counts as read only when stored this long before the read. */
const clockSkewMarginMs = 5_000;
const json = JSONCodec<unknown>();

/**
 * Keeps the inbox projection: every event of a partnership, from the durable stream, makes it re-read that
 * partnership once and rewrite its entries. The consumer remembers what was acknowledged, so a restarted
 * api catches up from there; an event applied before is skipped by its id. One message at a time across
 * every replica (`max_ack_pending` 1): the kept counts move by differences, which two writers of one
 * partnership would apply twice.
 */
@Injectable()
export class InboxProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboxProjector.name);
  private messages?: ConsumerMessages;
  private stopped = false;
  /**
   * When this process last began to read each partnership: an event stored before then is already in what was
   * read, so catching up after a restart reads each partnership once, not once per event.
   */
  private readonly readSince = new Map<string, number>();

  constructor(
    private readonly nats: NatsConnectionHolder,
    private readonly sources: PartnershipSourcesReader,
    private readonly store: ProjectionStore,
    @Inject(PROJECTION_CONSUMER) private readonly consumerName: string,
  ) {}

  onApplicationBootstrap(): void {
    void this.runUntilStopped();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
  }

  private async runUntilStopped(): Promise<void> {
    await this.store.init();
    while (!this.stopped) {
      try {
        await this.consume();
      } catch (error) {
        if (!this.stopped) this.logger.warn(`inbox projection paused, retrying: ${String(error)}`);
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  private async consume(): Promise<void> {
    const connection = this.nats.current();
    if (!connection) throw MitraError.unavailable('NATS');
    const manager = await connection.jetstreamManager();
    const config = {
      durable_name: this.consumerName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_ack_pending: 1,
      filter_subject: eventSubject('>'),
    };
    try {
      await manager.consumers.add(eventStreamName, config);
    } catch (error) {
      if (!(error instanceof NatsError) || error.api_error?.err_code !== consumerExistsErrorCode) throw error;
    }
    const consumer = await connection.jetstream().consumers.get(eventStreamName, this.consumerName);
    this.messages = await consumer.consume({ max_messages: 1 });
    for await (const message of this.messages) await this.apply(message);
  }

  private async apply(message: JsMsg): Promise<void> {
    const parsed = domainEventSchema.safeParse(json.decode(message.data));
    if (!parsed.success) {
      this.logger.error(
        `${message.subject} #${message.seq} is no event, left out of the inbox: ${parsed.error.message}`,
      );
      return message.term();
    }
    const { eventId, partnershipId, type } = parsed.data;
    if (!partnershipId || type === inboxUpdatedEventType) return message.ack();
    const storedAt = message.info.timestampNanos / 1e6;
    const readAfterStored = (this.readSince.get(partnershipId) ?? 0) - clockSkewMarginMs > storedAt;
    if (readAfterStored || !(await this.store.firstApplication(eventId))) return message.ack();
    try {
      this.readSince.set(partnershipId, Date.now());
      await this.refresh(partnershipId);
      await this.store.markApplied(eventId, partnershipId);
      message.ack();
      this.announce(parsed.data);
    } catch (error) {
      this.readSince.delete(partnershipId);
      // One message at a time: an event that keeps failing would hold back every partnership's inbox.
      // After a few tries it is left to the partnership's next event, which reads it whole again.
      if (message.info.redeliveryCount >= maxAttempts) {
        this.logger.error(
          `event ${eventId} of ${partnershipId} left out of the inbox after ${maxAttempts} tries: ${String(error)}`,
        );
        return message.term();
      }
      this.logger.warn(
        `event ${eventId} of ${partnershipId} not yet in the inbox, retried: ${String(error)}`,
      );
      message.nak(retryDelayMs);
    }
  }

  /** Tells open inboxes and lists (through the live stream) to read again; a lost notice costs a refresh. */
  private announce(event: DomainEvent): void {
    const notice: DomainEvent = {
      eventId: `inbox-updated-${event.eventId}`,
      type: inboxUpdatedEventType,
      occurredAt: new Date().toISOString(),
      partnershipId: event.partnershipId,
      organisationIds: event.organisationIds,
      data: { eventType: event.type },
    };
    this.nats.current()?.publish(eventSubject(inboxUpdatedEventType), json.encode(notice));
  }

  /** Rewrites what the inbox and the list hold of one partnership from its current state. */
  async refresh(partnershipId: string): Promise<void> {
    let sources;
    try {
      sources = await this.sources.read(partnershipId);
    } catch (error) {
      if (error instanceof MitraError && error.code === ErrorCode.NotFound)
        return this.store.forgetPartnership(partnershipId);
      throw error;
    }
    const now = new Date().toISOString();
    await this.store.replacePartnership(
      partnershipId,
      inboxEntriesOf(sources, now),
      listingsOf(sources, now),
    );
  }
}
