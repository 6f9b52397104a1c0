import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { connect, JSONCodec, nanos, type JetStreamClient, type NatsConnection } from 'nats';
import { eventStreamName, eventStreamSubjects, eventSubject, publishableEvent, UnpublishableEventError, type DomainEvent } from '@mitra/contracts';
import { loadConfig, natsConfigSchema } from '../config';
import { natsConnectionOptions } from '../nats';

const json = JSONCodec<DomainEvent>();

/**
 * How long JetStream remembers a message id, so a republished event is stored once. It must outlast
 * the longest gap between two publications of one event:
 * - an outbox revision published but not marked (a crash between the two) goes out again at the next
 *   sweep: 30 s later, or when the service is back after a crash;
 * - the worker's notification activity retries every minute at most, for as long as NATS refuses;
 * - a lifecycle decision retried by its client with the same Idempotency-Key announces it again.
 * A day covers a service down overnight. Past it, consumers still de-duplicate by event id (the
 * lifecycle workflow keeps the ids it applied, the api's live stream the recent ones).
 */
export const eventDuplicateWindowMs = 24 * 60 * 60 * 1000;

/**
 * Creates the durable event stream if it is missing, and widens the duplicate window of one an
 * earlier release created with a shorter one; safe to call from every publisher.
 */
export async function ensureEventStream(connection: NatsConnection): Promise<void> {
  const manager = await connection.jetstreamManager();
  const duplicate_window = nanos(eventDuplicateWindowMs);
  const existing = await manager.streams.info(eventStreamName).catch(() => undefined);
  if (!existing) {
    await manager.streams.add({ name: eventStreamName, subjects: eventStreamSubjects, duplicate_window });
  } else if ((existing.config.duplicate_window ?? 0) < duplicate_window) {
    await manager.streams.update(eventStreamName, { ...existing.config, duplicate_window });
  }
}

/**
 * Publishes one event to the durable stream with its id as message id, so a republished event is
 * stored once. A malformed or undeclared event throws: it is never sent for a consumer to drop.
 */
export async function publishEvent(jetstream: JetStreamClient, event: DomainEvent): Promise<void> {
  const checked = publishableEvent(event);
  await jetstream.publish(eventSubject(checked.type), json.encode(checked), { msgID: checked.eventId });
}

/**
 * Publishes domain events to JetStream with the event id as message id, so a republished event
 * (after a crash between publishing and marking it sent) is stored once.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private connecting?: Promise<{ connection: NatsConnection; jetstream: JetStreamClient }>;

  private jetstream(): Promise<{ connection: NatsConnection; jetstream: JetStreamClient }> {
    this.connecting ??= (async () => {
      const connection = await connect(natsConnectionOptions(loadConfig(natsConfigSchema)));
      await ensureEventStream(connection);
      return { connection, jetstream: connection.jetstream() };
    })().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  async publish(event: DomainEvent): Promise<void> {
    const { jetstream } = await this.jetstream();
    await publishEvent(jetstream, event);
  }

  /** Publishes each event; returns the ids that reached the stream (the rest stay pending). */
  async publishAll(events: DomainEvent[]): Promise<string[]> {
    const published: string[] = [];
    for (const event of events) {
      try {
        await this.publish(event);
        published.push(event.eventId);
      } catch (error) {
        // A NATS outage passes; an event of an undeclared type is a bug to fix before it ever leaves.
        if (error instanceof UnpublishableEventError) this.logger.error(`event ${event.eventId} stays pending: ${error.message}`);
        else this.logger.warn(`event ${event.eventId} stays pending: ${String(error)}`);
        break;
      }
    }
    return published;
  }

  async onApplicationShutdown(): Promise<void> {
    const current = await this.connecting?.catch(() => undefined);
    await current?.connection.drain();
  }
}
