import { Injectable } from '@nestjs/common';
import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import {
  AgreementsSubject,
  ErrorCode,
  lifecycleStateQuery,
  MitraError,
  partnershipWorkflowId,
  type Actor,
  type Agreement,
  type GetAgreementQuery,
} from '@mitra/contracts';
import { ServiceClient } from '@mitra/platform';
import { TemporalClient } from '../temporal/temporal-client';
import { isMember, roleIn, seesEveryPartnership, type PartnershipMembers } from './membership';

const grpcNotFound = 5;

/** Outsiders learn nothing, not even that the partnership exists. */
const notFound = () => MitraError.notFound('The partnership');

/** Who belongs to a partnership, read from its lifecycle workflow (the one place membership is kept). */
@Injectable()
export class PartnershipAccess {
  constructor(
    private readonly temporal: TemporalClient,
    private readonly services: ServiceClient,
  ) {}

  /** Whether the actor may see the partnership; an unknown partnership is seen by nobody but admins and auditors. */
  async maySee(actor: Actor, partnershipId: string): Promise<boolean> {
    if (seesEveryPartnership(actor)) return true;
    const members = await this.members(partnershipId);
    return members !== undefined && isMember(actor, members);
  }

  /**
   * The actor as it acts in the partnership (a coordinator of another partnership acts as a partner
   * here: `roleIn`); 404 when it is not a member.
   */
  async actingIn(actor: Actor, partnershipId: string): Promise<Actor> {
    if (seesEveryPartnership(actor)) return actor;
    const members = await this.members(partnershipId);
    if (members === undefined || !isMember(actor, members)) throw notFound();
    return { ...actor, role: roleIn(actor, members) };
  }

  /** The same, for the partnership of an agreement; the agreements service hides other parties' agreements itself. */
  async actingInAgreement(actor: Actor, agreementId: string): Promise<Actor> {
    if (seesEveryPartnership(actor)) return actor;
    const query: GetAgreementQuery = { actor, id: agreementId };
    const agreement = await this.services.request<Agreement>(AgreementsSubject.GetAgreement, query);
    try {
      return await this.actingIn(actor, agreement.partnershipId);
    } catch (error) {
      if (error instanceof MitraError && error.code === ErrorCode.NotFound) throw MitraError.notFound('The agreement');
      throw error;
    }
  }

  private async members(partnershipId: string): Promise<PartnershipMembers | undefined> {
    try {
      return await this.temporal.client.workflow
        .getHandle(partnershipWorkflowId(partnershipId))
        .query(lifecycleStateQuery);
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
