import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { MitraError, partnershipWorkflowId } from '@mitra/contracts';
import { TemporalClient } from '../temporal/temporal-client';

/** A partnership exists while its lifecycle workflow does; writes about an unknown one are a 404. */
@Injectable()
export class PartnershipExistence {
  constructor(private readonly temporal: TemporalClient) {}

  async ensure(partnershipId: string): Promise<void> {
    try {
      await this.temporal.client.workflow.getHandle(partnershipWorkflowId(partnershipId)).describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw MitraError.notFound('The partnership');
      throw MitraError.unavailable('Temporal');
    }
  }
}
