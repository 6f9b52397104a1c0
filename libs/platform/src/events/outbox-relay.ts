import type { Logger } from '@nestjs/common';
import type { DomainEvent } from '@mitra/contracts';
import type { EventPublisher } from './event-publisher';
import type { OutboxSource } from './outbox-source';
import { startPendingEventSweep, type PendingEventSweep } from './pending-event-sweep';
import { PerKeySerialRunner } from './per-key-serial-runner';

export interface OutboxRelayOptions {
  /** Revisions read per query. */
  pageSize?: number;
  /** Between two sweeps. */
  sweepIntervalMs?: number;
  /** Pages one sweep reads at most before leaving the rest to the next. */
  maxPagesPerSweep?: number;
}

/**
 * Publishes the events kept in revisions (an outbox in the document) to JetStream, each aggregate's in
 * revision order, and then marks each revision published. `flush` runs after a command for its
 * aggregate; the sweep (at start-up, then every `sweepIntervalMs`) publishes what a crash or a NATS
 * outage left behind. A revision published but not yet marked (a crash between the two) is published
 * again: JetStream stores it once, as the event id is the message id (within the stream's duplicate
 * window), and consumers de-duplicate by event id as well.
 */
export class OutboxRelay {
  private readonly serial = new PerKeySerialRunner();
  private readonly pageSize: number;
  private readonly sweepIntervalMs: number;
  private readonly maxPagesPerSweep: number;
  private sweep?: PendingEventSweep;

  constructor(
    private readonly source: OutboxSource<DomainEvent>,
    private readonly publisher: Pick<EventPublisher, 'publishAll'>,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 100;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 30_000;
    this.maxPagesPerSweep = options.maxPagesPerSweep ?? 100;
  }

  /**
   * Publishes the aggregate's pending events; one flush per aggregate at a time in this process, so
   * its events leave in order. Resolves false when some stay pending (NATS refused one).
   */
  flush(aggregateId: string): Promise<boolean> {
    let done = false;
    return this.serial
      .run(aggregateId, async () => {
        done = await this.publishPending(aggregateId);
      })
      .then(() => done);
  }

  /** After a command: best effort, what fails stays pending for the sweep. */
  async flushQuietly(aggregateId: string): Promise<void> {
    try {
      await this.flush(aggregateId);
    } catch (error) {
      this.logger.warn(`events of ${aggregateId} stay pending: ${String(error)}`);
    }
  }

  private async publishPending(aggregateId: string): Promise<boolean> {
    // Revisions are marked in order, so each page starts after the last; `after` also ends the loop
    // should a mark not stick.
    for (let after = 0; ;) {
      const pending = (await this.source.pendingEvents({ aggregateId, limit: this.pageSize })).filter(
        (p) => p.revision > after,
      );
      for (const { revision, events } of pending) {
        const published = await this.publisher.publishAll(events);
        if (published.length < events.length) return false;
        await this.source.markPublished(aggregateId, revision);
        after = revision;
      }
      if (pending.length < this.pageSize) return true;
    }
  }

  /** Every aggregate's pending events, page by page; stops early when NATS refuses. */
  async sweepOnce(): Promise<void> {
    for (let page = 0; page < this.maxPagesPerSweep; page++) {
      const pending = await this.source.pendingEvents({ limit: this.pageSize });
      for (const aggregateId of new Set(pending.map((p) => p.aggregateId))) {
        if (!(await this.flush(aggregateId))) return;
      }
      if (pending.length < this.pageSize) return;
    }
  }

  /** Starts the sweep: once now, then every `sweepIntervalMs`; sweeps never overlap. */
  start(): void {
    this.sweep ??= startPendingEventSweep(() => this.sweepOnce(), this.logger, this.sweepIntervalMs);
  }

  /** Stops the sweep and waits for one in progress. */
  async stop(): Promise<void> {
    await this.sweep?.stop();
    this.sweep = undefined;
  }
}
