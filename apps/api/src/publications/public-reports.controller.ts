import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  partnershipIdSchema,
  publicationYearSchema,
  type PublicIndexQuery,
  type PublicReportIndex,
  type PublicReportQuery,
  type PublishedReport,
  PublicationContracts,
} from '@mitra/contracts';
import { ServiceClient, ZodValidationPipe } from '@mitra/platform';
import { Public } from '../auth/access-policy';

const partnershipPipe = () => new ZodValidationPipe(partnershipIdSchema, 'partnershipId');

/**
 * Open to anyone, without a session: the annual reports a partnership published, read from the
 * snapshots stored when they were published. A partnership that published nothing (or does not
 * exist) and a year not published (or withdrawn) are the same 404.
 */
@ApiTags('public')
@Controller('public/partnerships/:partnershipId/reports')
export class PublicReportsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The years whose annual report the partnership has published, newest first (public)' })
  @Public()
  index(@Param('partnershipId', partnershipPipe()) partnershipId: string): Promise<PublicReportIndex> {
    const query: PublicIndexQuery = { partnershipId };
    return this.services.send(PublicationContracts.PublicIndex, query);
  }

  @Get(':year')
  @ApiOperation({ summary: "A year's published annual report: only the sections the partnership chose to publish (public)" })
  @Public()
  report(
    @Param('partnershipId', partnershipPipe()) partnershipId: string,
    @Param('year', new ZodValidationPipe(publicationYearSchema, 'year')) year: number,
  ): Promise<PublishedReport> {
    const query: PublicReportQuery = { partnershipId, year };
    return this.services.send(PublicationContracts.PublicReport, query);
  }
}
