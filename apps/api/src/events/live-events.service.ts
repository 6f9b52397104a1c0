import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import { JSONCodec, type Subscription as NatsSubscription } from 'nats';
import { concatMap, Subject } from 'rxjs';
import {
  domainEventSchema,
  eventSubjectPrefix,
  MitraError,
  type Actor,
  type DomainEvent,
} from '@mitra/contracts';
import { actorOf, signedInOf } from '../actor/current-actor.decorator';
import { PartnershipAccess } from '../auth/partnership-access';
import { sessionTokenOf } from '../auth/session-cookie';
import { SessionsService } from '../auth/sessions.service';
import { API_CONFIG, type ApiConfig } from '../config';
import { NatsConnectionHolder } from '../nats/nats-connection';
import { UsersService } from '../users/users.service';
import { receives } from './event-visibility';

const json = JSONCodec();
/** How long a stream trusts what it learnt about a partnership's members (lifecycle events refresh it at once). */
const membershipTtlMs = 30_000;

/** One stream's memory of which partnerships its user may see. */
class MembershipCache {
  private readonly known = new Map<string, { visible: Promise<boolean>; at: number }>();

  constructor(
    private readonly actor: Actor,
    private readonly access: PartnershipAccess,
  ) {}

  maySee(partnershipId: string, event: DomainEvent): Promise<boolean> {
    const cached = this.known.get(partnershipId);
    // Lifecycle events are where partners join, leave and leads change.
    if (cached && Date.now() - cached.at < membershipTtlMs && !event.type.startsWith('lifecycle.'))
      return cached.visible;
    const visible = this.access.maySee(this.actor, partnershipId);
    this.known.set(partnershipId, { visible, at: Date.now() });
    return visible;
  }
}

/**
 * The ids of the events fanned out lately. Plain subscribers see every publication, a republished
 * event too (JetStream de-duplicates only what it stores), so the stream forwards each id once.
 */
class RecentEventIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** True the first time an id is offered; forgets the oldest once full. */
  firstSighting(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}

const format = (event: DomainEvent) =>
  `event: ${event.type}\nid: ${event.eventId}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * Live updates as Server-Sent Events: one core NATS subscription on `events.>` per api process
 * (the events JetStream stores are also delivered to plain subscribers, in order), fanned out to
 * every open stream, each filtered to what its user may see.
 */
@Injectable()
export class LiveEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveEvents.name);
  private readonly events = new Subject<DomainEvent>();
  private readonly recent = new RecentEventIds(10_000);
  /** Messages on `events.>` that are no event: logged and counted, never dropped unseen. */
  malformedEvents = 0;
  private subscription?: NatsSubscription;
  private readonly heartbeatMs: number;

  constructor(
    private readonly nats: NatsConnectionHolder,
    private readonly access: PartnershipAccess,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.heartbeatMs = config.EVENTS_HEARTBEAT_SECONDS * 1000;
  }

  /** Streams until the client leaves, or its session ends or its account is disabled. */
  open(request: FastifyRequest, reply: FastifyReply): void {
    this.subscribe();
    const actor = actorOf(signedInOf(request));
    const token = sessionTokenOf(request);
    const memberships = new MembershipCache(actor, this.access);

    // Written by hand from here on: Fastify neither serialises nor ends this reply; the headers set
    // so far (security headers, X-Request-Id) go out with the stream's own.
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    response.write(`retry: 5000\n: connected\n\n`);

    const delivery = this.events
      .pipe(
        concatMap(async (event) => {
          try {
            return (await receives(actor, event, (partnershipId) => memberships.maySee(partnershipId, event)))
              ? event
              : undefined;
          } catch (error) {
            this.logger.warn(`event ${event.eventId} withheld from ${actor.userId}: ${String(error)}`);
            return undefined;
          }
        }),
      )
      .subscribe((event) => event && response.write(format(event)));

    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      delivery.unsubscribe();
      clearInterval(heartbeat);
      response.end();
    };
    const heartbeat = setInterval(() => {
      void this.stillSignedIn(token).then(
        (signedIn) => (signedIn ? response.write(': heartbeat\n\n') : end()),
        end,
      );
    }, this.heartbeatMs);
    response.on('close', end);
  }

  private async stillSignedIn(token: unknown): Promise<boolean> {
    const session = await this.sessions.resolve(token, false);
    return session !== undefined && (await this.users.active(session.userId)) !== undefined;
  }

  private subscribe(): void {
    if (this.subscription && !this.subscription.isClosed()) return;
    const connection = this.nats.current();
    if (!connection) throw MitraError.unavailable('NATS');
    this.subscription = connection.subscribe(`${eventSubjectPrefix}.>`, {
      callback: (error, message) => {
        if (error) return;
        let parsed;
        try {
          parsed = domainEventSchema.safeParse(json.decode(message.data));
        } catch (error) {
          return this.malformed(message.subject, `not JSON: ${String(error)}`);
        }
        if (!parsed.success) return this.malformed(message.subject, parsed.error.message);
        if (this.recent.firstSighting(parsed.data.eventId)) this.events.next(parsed.data);
      },
    });
  }

  private malformed(subject: string, reason: string): void {
    this.malformedEvents++;
    this.logger.error(
      `message on ${subject} is no event (${this.malformedEvents} so far), not shown: ${reason}`,
    );
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    this.events.complete();
  }
}
