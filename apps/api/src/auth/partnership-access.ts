import { Injectable } from '@nestjs/common';
import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import {
  lifecycleStateQuery,
  MitraError,
  partnershipWorkflowId,
  type Actor,
  type GetAgreementQuery,
  AgreementsContracts,
} from '@mitra/contracts';
import { ServiceClient } from '@mitra/platform';
import { TemporalClient } from '../temporal/temporal-client';
import { isMember, seesEveryPartnership, type PartnershipMembers } from './membership';

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

  async ensureMaySee(actor: Actor, partnershipId: string): Promise<void> {
    if (!(await this.maySee(actor, partnershipId))) throw notFound();
  }

  /** The agreement's partnership must be one the actor sees; the agreements service hides other parties' agreements itself. */
  async ensureMaySeeAgreement(actor: Actor, agreementId: string): Promise<void> {
    if (seesEveryPartnership(actor)) return;
    const query: GetAgreementQuery = { actor, id: agreementId };
    const agreement = await this.services.send(AgreementsContracts.GetAgreement, query);
    if (!(await this.maySee(actor, agreement.partnershipId))) throw MitraError.notFound('The agreement');
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
