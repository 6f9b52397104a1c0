import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import {
  lifecycleStateQuery,
  eventSubject,
  MitraError,
  needsMembership,
  partnershipNamed,
  partnershipWorkflowId,
  type Actor,
  type Contract,
  type GetAgreementQuery,
  AgreementsContracts,
} from '@mitra/contracts';
import { ServiceClient } from '@mitra/platform';
import type { NatsConnection, Subscription } from 'nats';
import { NatsConnectionHolder } from '../nats/nats-connection';
import { TemporalClient } from '../temporal/temporal-client';
import { MembersMemory } from './members-memory';
import { isMember, roleIn, seesEveryPartnership, withdrewFrom, type PartnershipMembers } from './membership';

const grpcNotFound = 5;

/** Outsiders learn nothing, not even that the partnership exists. */
const notFound = () => MitraError.notFound('The partnership');

/** Every lifecycle event and notice: where members join, leave and leads change. */
const lifecycleEvents = eventSubject('lifecycle.>');

/**
 * Who belongs to a partnership, read from its lifecycle workflow (the one place membership is kept)
 * and remembered (`MembersMemory`) while this process hears the lifecycle events that would say it
 * changed: with NATS away nothing is remembered. A remembered "not a member" is asked again, so a
 * partner who just joined is never turned away by an old answer.
 */
@Injectable()
export class PartnershipAccess implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PartnershipAccess.name);
  /** The connection the memory listens on, while it is connected. */
  private listening?: { connection: NatsConnection; subscription: Subscription };

  constructor(
    private readonly temporal: TemporalClient,
    private readonly services: ServiceClient,
    private readonly nats: NatsConnectionHolder,
    private readonly memory: MembersMemory,
  ) {}

  /**
   * Every message the api sends about a partnership names the partnership its actor was found a member of,
   * whichever code sends it: the services refuse a coordinator or partner not vouched for that partnership.
   */
  onModuleInit(): void {
    this.services.endorseWith((contract, input) => this.vouched(contract, input));
  }

  onApplicationShutdown(): void {
    this.listening?.subscription.unsubscribe();
  }

  /** Whether the actor may see the partnership; an unknown partnership is seen by nobody but admins and auditors. */
  async maySee(actor: Actor, partnershipId: string): Promise<boolean> {
    if (seesEveryPartnership(actor)) return true;
    return (await this.membersFor(actor, partnershipId)) !== undefined;
  }

  /**
   * The actor as it acts in the partnership (a coordinator of another partnership acts as a partner
   * here: `roleIn`); 404 when it is not a member.
   */
  async actingIn(actor: Actor, partnershipId: string): Promise<Actor> {
    if (seesEveryPartnership(actor)) return actor;
    const members = await this.membersFor(actor, partnershipId);
    if (members === undefined) throw notFound();
    return { ...actor, role: roleIn(actor, members), memberOf: partnershipId };
  }

  /** The payload with its actor as it acts in the partnership the message names; 404 for an outsider. */
  private async vouched(contract: Contract, input: unknown): Promise<unknown> {
    if (contract.access === 'public') return input;
    const partnershipId = partnershipNamed(contract.access, input);
    const actor = (input as { actor?: Actor }).actor;
    if (!actor || !needsMembership(actor, partnershipId) || actor.memberOf === partnershipId) return input;
    return { ...(input as object), actor: await this.actingIn(actor, partnershipId) };
  }

  /**
   * The same, for the partnership of an agreement; the agreements service hides other parties' agreements itself.
   * A partner that withdrew from the partnership is still a party to the versions it signed, and signs or
   * declines its own leaving: it acts as a partner vouched for no partnership, which the agreements service
   * judges by the agreement's parties alone. Being named a party by another partnership's agreement is not enough.
   */
  async actingInAgreement(actor: Actor, agreementId: string): Promise<Actor> {
    if (seesEveryPartnership(actor)) return actor;
    const query: GetAgreementQuery = { actor, id: agreementId };
    const agreement = await this.services.send(AgreementsContracts.GetAgreement, query);
    const members = await this.membersFor(actor, agreement.partnershipId);
    if (members) return { ...actor, role: roleIn(actor, members), memberOf: agreement.partnershipId };
    const organisationId = actor.organisationId;
    if (organisationId && agreement.organisationIds.includes(organisationId)) {
      const roster = await this.members(agreement.partnershipId);
      if (roster && withdrewFrom(actor, roster)) return { ...actor, role: 'partner' };
    }
    throw MitraError.notFound('The agreement');
  }

  /** The partnership's members if the actor is one of them (remembered, or asked again). */
  private async membersFor(actor: Actor, partnershipId: string): Promise<PartnershipMembers | undefined> {
    const remembered = this.listen() ? this.memory.recall(partnershipId) : undefined;
    if (remembered && isMember(actor, remembered)) return remembered;
    const members = await this.members(partnershipId);
    return members !== undefined && isMember(actor, members) ? members : undefined;
  }

  /** Whether the memory hears lifecycle events now (subscribing on the current connection if need be). */
  private listen(): boolean {
    const connection = this.nats.current();
    if (!connection) {
      this.stopListening();
      return false;
    }
    if (this.listening?.connection === connection) return true;
    this.stopListening();
    const subscription = connection.subscribe(lifecycleEvents, {
      callback: (error, message) => {
        if (error) return this.memory.forgetAll();
        const partnershipId = partnershipOf(message.data);
        if (partnershipId) this.memory.forget(partnershipId);
        else this.memory.forgetAll();
      },
    });
    this.listening = { connection, subscription };
    void this.forgetWhileDisconnected(connection);
    return true;
  }

  private stopListening(): void {
    this.listening?.subscription.unsubscribe();
    this.listening = undefined;
    this.memory.forgetAll();
  }

  /** Events sent while the connection was down are never heard: what was remembered before is dropped. */
  private async forgetWhileDisconnected(connection: NatsConnection): Promise<void> {
    try {
      for await (const status of connection.status())
        if (status.type === 'disconnect' || status.type === 'reconnect') this.memory.forgetAll();
    } catch (error) {
      this.logger.warn(`membership memory stopped listening: ${String(error)}`);
    }
    if (this.listening?.connection === connection) this.stopListening();
  }

  private async members(partnershipId: string): Promise<PartnershipMembers | undefined> {
    const read = this.memory.begin();
    try {
      const { coordinators, leadOrganisationId, partners, maturation } = await this.temporal.client.workflow
        .getHandle(partnershipWorkflowId(partnershipId))
        .query(lifecycleStateQuery);
      const members: PartnershipMembers = { coordinators, leadOrganisationId, partners, maturation };
      if (this.listening) this.memory.remember(partnershipId, members, read);
      return members;
    } catch (error) {
      if (
        error instanceof WorkflowNotFoundError ||
        (isGrpcServiceError(error) && error.code === grpcNotFound)
      )
        return undefined;
      throw MitraError.unavailable('Temporal');
    }
  }
}

function partnershipOf(data: Uint8Array): string | undefined {
  try {
    const event: unknown = JSON.parse(new TextDecoder().decode(data));
    const id =
      typeof event === 'object' && event !== null
        ? (event as { partnershipId?: unknown }).partnershipId
        : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
