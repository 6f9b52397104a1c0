import { Module } from '@nestjs/common';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { PublicationsController } from './publications.controller';
import { PublicReportsController } from './public-reports.controller';
import { ReportSourcesService } from './report-sources.service';

@Module({ imports: [PartnershipsModule], controllers: [PublicationsController, PublicReportsController], providers: [ReportSourcesService] })
export class PublicationsModule {}
