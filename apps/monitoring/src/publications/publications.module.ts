import { Module } from '@nestjs/common';
import { PublicationsController } from './publications.controller';
import { PublicationsRepository } from './publications.repository';
import { PublicationsService } from './publications.service';

/** The partnerships' published annual reports (the guide's self-report), owned by monitoring. */
@Module({
  controllers: [PublicationsController],
  providers: [PublicationsRepository, PublicationsService],
  exports: [PublicationsRepository],
})
export class PublicationsModule {}
