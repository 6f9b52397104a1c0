import { randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import mongoose from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { connect } from 'nats';
import {
  eventStreamName,
  type Actor,
  type CreateOrganisationInput,
  type DomainEvent,
  type ErrorBody,
  type Organisation,
  StakeholdersContracts,
} from '@mitra/contracts';
import { natsConnectionOptions, signingNatsClientProxy } from '@mitra/platform';
import { systemEnv, testCallerConfig, vouchedBySubject, withinContract } from '@mitra/testing';

/** The acting users the service authorises on; a partner acts for one organisation. */
export const actors = {
  admin: { userId: 'test-admin', role: 'admin' },
  coordinator: { userId: 'test-coordinator', role: 'coordinator' },
  auditor: { userId: 'test-auditor', role: 'auditor' },
  partnerOf: (organisationId: string): Actor => ({ userId: `test-partner-${organisationId}`, role: 'partner', organisationId }),
} satisfies Record<string, Actor | ((organisationId: string) => Actor)>;

export const key = (prefix = 'test') => `${prefix}-${randomUUID()}`;

/** A partnership id of the shape the api derives from a start command. */
export const partnershipId = () => randomUUID().replace(/-/g, '').slice(0, 20);

/** Unique, so that tests running side by side never see each other's records as duplicates. */
export const organisationInput = (overrides: Partial<CreateOrganisationInput> = {}): CreateOrganisationInput => ({
  name: `Yayasan Uji ${randomUUID().slice(0, 8)}`,
  sector: 'cso',
  region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
  contacts: [{ name: 'Siti Rahma', position: 'Direktur', email: 'siti@example.org' }],
  resources: [{ kind: 'expertise', note: 'pendampingan gizi' }, { kind: 'network' }],
  vulnerableGroups: ['women'],
  ...overrides,
});

/** Talks to the stakeholders service over the real NATS, as any other caller would. */
export class StakeholdersCaller {
  private readonly client: ClientProxy;

  constructor() {
    this.client = signingNatsClientProxy(testCallerConfig(), vouchedBySubject);
  }

  async send<T>(subject: string, payload: unknown): Promise<T> {
    return withinContract(subject, await firstValueFrom(this.client.send<T>(subject, payload).pipe(timeout(10_000))));
  }

  /** The error reply of a request that must fail. */
  async error(subject: string, payload: unknown): Promise<ErrorBody> {
    try {
      const reply = await this.send(subject, payload);
      throw new Error(`expected ${subject} to fail, but it answered ${JSON.stringify(reply)}`);
    } catch (error) {
      return error as ErrorBody;
    }
  }

  async createOrganisation(overrides: Partial<CreateOrganisationInput> = {}, actor: Actor = actors.coordinator): Promise<Organisation> {
    return this.send<Organisation>(StakeholdersContracts.CreateOrganisation.subject, { idempotencyKey: key('org'), actor, organisation: organisationInput(overrides) });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** The service's own database, to check what was (not) stored. */
export async function stakeholdersDatabase(): Promise<mongoose.Connection> {
  return mongoose.createConnection(process.env.MONGO_URL!, { dbName: 'mitra_stakeholders' }).asPromise();
}

/** The domain events stored in JetStream under a subject filter, as a consumer of the stream sees them. */
export async function storedEvents(subjectFilter: string): Promise<DomainEvent[]> {
  const connection = await connect(natsConnectionOptions(systemEnv()));
  try {
    const consumer = await connection.jetstream().consumers.get(eventStreamName, { filterSubjects: [subjectFilter] });
    const events: DomainEvent[] = [];
    const pending = (await consumer.info(true)).num_pending;
    if (pending === 0) return events;
    const messages = await consumer.fetch({ max_messages: pending, expires: 2000 });
    for await (const message of messages) {
      events.push(message.json<DomainEvent>());
      if (message.info.pending === 0) break;
    }
    return events;
  } finally {
    await connection.close();
  }
}
