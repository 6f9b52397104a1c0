import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PublicationHeadRecord, PublicationHeadSchema, PublicationRevisionRecord, PublicationRevisionSchema } from './publication.schema';
import { PublicationsController } from './publications.controller';
import { PublicationsRepository } from './publications.repository';
import { PublicationsService } from './publications.service';

/** The partnerships' published annual reports (the guide's self-report), owned by monitoring. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PublicationRevisionRecord.name, schema: PublicationRevisionSchema },
      { name: PublicationHeadRecord.name, schema: PublicationHeadSchema },
    ]),
  ],
  controllers: [PublicationsController],
  providers: [PublicationsRepository, PublicationsService],
})
export class PublicationsModule {}
