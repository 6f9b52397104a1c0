import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { connect, JSONCodec, type JetStreamClient, type NatsConnection } from 'nats';
import { eventStreamName, eventStreamSubjects, eventSubject, type DomainEvent } from '@mitra/contracts';
import { loadConfig, natsConfigSchema } from '../config';
import { natsConnectionOptions } from '../nats';

const json = JSONCodec<DomainEvent>();

/** Creates the durable event stream if it is missing; safe to call from every publisher. */
export async function ensureEventStream(connection: NatsConnection): Promise<void> {
  const manager = await connection.jetstreamManager();
  try {
    await manager.streams.info(eventStreamName);
  } catch {
    await manager.streams.add({ name: eventStreamName, subjects: eventStreamSubjects, duplicate_window: 2 * 60 * 1_000_000_000 });
  }
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
    await jetstream.publish(eventSubject(event.type), json.encode(event), { msgID: event.eventId });
  }

  /** Publishes each event; returns the ids that reached the stream (the rest stay pending). */
  async publishAll(events: DomainEvent[]): Promise<string[]> {
    const published: string[] = [];
    for (const event of events) {
      try {
        await this.publish(event);
        published.push(event.eventId);
      } catch (error) {
        this.logger.warn(`event ${event.eventId} stays pending: ${String(error)}`);
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
