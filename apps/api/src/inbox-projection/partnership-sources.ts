import { Injectable } from '@nestjs/common';
import {
  AgreementsContracts,
  ErrorCode,
  FundingContracts,
  MitraError,
  MonitoringContracts,
  StakeholdersContracts,
  type Actor,
  type Agreement,
  type LedgerEntry,
  type LedgerPage,
} from '@mitra/contracts';
import { foldLedger, type FundingState } from '@mitra/domain';
import { ServiceClient } from '@mitra/platform';
import { PartnershipsService } from '../partnerships/partnerships.service';
import { UsersService } from '../users/users.service';
import type { PartnershipSources } from './projection-documents';

/** The projection reads as the system: what it stores is cut per audience when written, and per reader when read. */
export const projectionActor: Actor = { userId: 'system:inbox-projection', role: 'admin' };
const ledgerPage = 500;

/** A record nobody made yet (no plan, no ledger) is absent; any other failure stops the refresh, to be retried. */
async function unlessMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof MitraError && error.code === ErrorCode.NotFound) return undefined;
    throw error;
  }
}

/** Reads one partnership's state from the workflow and the services, when an event says it changed. */
@Injectable()
export class PartnershipSourcesReader {
  constructor(
    private readonly partnerships: PartnershipsService,
    private readonly services: ServiceClient,
    private readonly users: UsersService,
  ) {}

  async read(partnershipId: string): Promise<PartnershipSources> {
    const actor = projectionActor;
    const state = await this.partnerships.state(partnershipId);
    const [plan, progress, agreements, funding, lead, coordinatorOrganisations] = await Promise.all([
      unlessMissing(() => this.services.send(MonitoringContracts.GetPlan, { actor, partnershipId })),
      unlessMissing(() => this.services.send(MonitoringContracts.GetProgress, { actor, partnershipId })),
      this.openAgreements(partnershipId),
      unlessMissing(() => this.fundingState(partnershipId)),
      state.leadOrganisationId
        ? unlessMissing(() =>
            this.services.send(StakeholdersContracts.GetOrganisation, {
              actor,
              id: state.leadOrganisationId!,
            }),
          )
        : undefined,
      this.organisationsOf(state.coordinators),
    ]);
    return { state, plan, progress, agreements, funding, lead, coordinatorOrganisations };
  }

  private async organisationsOf(userIds: string[]): Promise<Record<string, string | undefined>> {
    const users = await Promise.all(userIds.map((userId) => this.users.active(userId)));
    return Object.fromEntries(userIds.map((userId, index) => [userId, users[index]?.organisationId]));
  }

  /** The whole ledger, page by page, folded as the funding service folds it. */
  private async fundingState(partnershipId: string): Promise<FundingState> {
    const entries: LedgerEntry[] = [];
    for (let after: number | null = 0; after !== null;) {
      const page: LedgerPage = await this.services.send(FundingContracts.ListLedger, {
        actor: projectionActor,
        partnershipId,
        after,
        limit: ledgerPage,
      });
      entries.push(...page.entries);
      after = page.nextAfter;
    }
    return foldLedger(partnershipId, entries);
  }

  private async openAgreements(partnershipId: string): Promise<Agreement[]> {
    const actor = projectionActor;
    const summaries = await this.services.send(AgreementsContracts.ListAgreements, {
      actor,
      partnershipId,
      limit: 100,
    });
    return Promise.all(
      summaries
        .filter((summary) => summary.status === 'open')
        .map((summary) => this.services.send(AgreementsContracts.GetAgreement, { actor, id: summary.id })),
    );
  }
}
