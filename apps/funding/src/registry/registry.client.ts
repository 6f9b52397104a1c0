import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
  type Actor,
  type GetOrganisationQuery,
  type GetPlanQuery,
  type ProgressReport,
  type Sector,
  MonitoringContracts,
  StakeholdersContracts,
} from '@mitra/contracts';
import { ServiceClient } from '@mitra/platform';

/**
 * What the funding rules need from the other services, asked over NATS on behalf of the acting user:
 * organisations' sectors from the stakeholders registry (the ceilings are per sector, so the service
 * reads them itself rather than trusting the caller), and the monitoring reports that release tranches.
 */
@Injectable()
export class RegistryClient {
  constructor(private readonly services: ServiceClient) {}

  /** The sectors of the registered organisations among `ids`; an unregistered one is left out. */
  async sectorsOf(actor: Actor, ids: readonly string[]): Promise<Map<string, Sector>> {
    const found = await Promise.all(
      [...new Set(ids)].map(async (id): Promise<[string, Sector] | undefined> => {
        const query: GetOrganisationQuery = { actor, id };
        try {
          return [
            id,
            (await this.services.send(StakeholdersContracts.GetOrganisation, query)).sector,
          ];
        } catch (error) {
          if (error instanceof MitraError && error.code === ErrorCode.NotFound) return undefined;
          throw error;
        }
      }),
    );
    return new Map(found.filter((pair) => pair !== undefined));
  }

  /** Asked when a tranche is released, so the answer is monitoring's state at that moment. */
  async reportsOf(actor: Actor, partnershipId: string): Promise<ProgressReport[]> {
    const query: GetPlanQuery = { actor, partnershipId };
    return (await this.services.send(MonitoringContracts.GetPlan, query)).reports;
  }
}
