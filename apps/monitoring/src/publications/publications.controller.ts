import { Controller } from '@nestjs/common';
import {
  type Publication,
  type PublicationRecord,
  type PublicReportIndex,
  type PublishedReport,
  PublicationContracts,
  type ContractPayload,
} from '@mitra/contracts';
import { Handles } from '@mitra/platform';
import { PublicationsService } from './publications.service';

@Controller()
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  @Handles(PublicationContracts.Get)
  get(query: ContractPayload<typeof PublicationContracts.Get>): Promise<PublicationRecord> {
    return this.publications.get(query);
  }

  @Handles(PublicationContracts.PublicIndex)
  publicIndex(query: ContractPayload<typeof PublicationContracts.PublicIndex>): Promise<PublicReportIndex> {
    return this.publications.publicIndex(query);
  }

  @Handles(PublicationContracts.PublicReport)
  publicReport(query: ContractPayload<typeof PublicationContracts.PublicReport>): Promise<PublishedReport> {
    return this.publications.publicReport(query);
  }

  @Handles(PublicationContracts.Publish)
  publish(command: ContractPayload<typeof PublicationContracts.Publish>): Promise<Publication> {
    return this.publications.publish(command);
  }

  @Handles(PublicationContracts.Withdraw)
  withdraw(command: ContractPayload<typeof PublicationContracts.Withdraw>): Promise<Publication> {
    return this.publications.withdraw(command);
  }
}
