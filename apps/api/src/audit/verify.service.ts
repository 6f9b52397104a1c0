import { Injectable } from '@nestjs/common';
import type { Actor, ChainVerification } from '@mitra/contracts';
import { ServiceClient } from '@mitra/platform';
import { readChainRecords, verifyPartnershipChain } from '@mitra/platform/temporal';
import { ProjectionStore } from '../inbox-projection/projection-store';
import { AuditService } from './audit.service';

/**
 * The tamper check: the hash chain rebuilt from the workflow history (and checked against the heads
 * it checkpointed) against the ledger entries and signatures the services store now.
 */
@Injectable()
export class VerifyService {
  constructor(
    private readonly audit: AuditService,
    private readonly services: ServiceClient,
    private readonly projection: ProjectionStore,
  ) {}

  async verify(actor: Actor, partnershipId: string): Promise<ChainVerification> {
    // The records first: one written meanwhile is then, at worst, reported as not yet linked.
    const records = await readChainRecords(this.services, actor, partnershipId);
    const verification = verifyPartnershipChain(await this.audit.history(partnershipId), records);
    // The auditors' landing shows each partnership's last result.
    await this.projection.recordVerification(partnershipId, verification.intact, verification.verifiedAt);
    return verification;
  }
}
