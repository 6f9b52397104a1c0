import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
  StakeholdersContracts,
  type Actor,
  type GetStakeholderMapQuery,
} from '@mitra/contracts';
import { panelSectorsOf, type StakeholderSectors } from '@mitra/domain';
import { ServiceClient } from '@mitra/platform';

/**
 * The partnership's stakeholder map from the stakeholders service, asked over NATS on behalf of the acting
 * user: an evaluation panel's groups are the registry's sectors, never what the caller says they are.
 */
@Injectable()
export class StakeholderMapClient {
  constructor(private readonly services: ServiceClient) {}

  /** The map's panel organisations with their registry sectors (see panelSectorsOf); undefined when the partnership has no map. */
  async sectorsOf(actor: Actor, partnershipId: string): Promise<StakeholderSectors | undefined> {
    const query: GetStakeholderMapQuery = { actor, partnershipId };
    try {
      const { map } = await this.services.send(StakeholdersContracts.GetStakeholderMap, query);
      return panelSectorsOf(map.entries);
    } catch (error) {
      if (error instanceof MitraError && error.code === ErrorCode.NotFound) return undefined;
      throw error;
    }
  }
}
