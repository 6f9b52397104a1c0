import { Injectable } from '@nestjs/common';
import {
  MitraError,
  type ContractPayload,
  type OfficialRegion,
  StakeholdersContracts,
} from '@mitra/contracts';
import { RegionCatalogue } from '@mitra/domain';
import { readOfficialRegions } from './region-csv';

type SearchRegions = ContractPayload<typeof StakeholdersContracts.SearchRegions>;
type GetRegions = ContractPayload<typeof StakeholdersContracts.GetRegions>;

/** The official regions, read once at start-up (about 91,000, 4 MB). */
@Injectable()
export class RegionsService {
  readonly catalogue = new RegionCatalogue(readOfficialRegions());

  search(query: SearchRegions): OfficialRegion[] {
    return this.catalogue.search(query);
  }

  /** The regions named, in the order asked; an unknown code is a 404 naming it. */
  get(query: GetRegions): OfficialRegion[] {
    return query.codes.map((code) => {
      const region = this.catalogue.get(code);
      if (!region) throw MitraError.notFound(`The region ${code}`);
      return region;
    });
  }
}
