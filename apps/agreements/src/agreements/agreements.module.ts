import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventPublisher } from '@mitra/platform';
import { SigningKeysModule } from '../keys/signing-keys.module';
import { AgreementEvents } from './agreement-events';
import { AgreementHeadRecord, AgreementHeadSchema, AgreementRevisionRecord, AgreementRevisionSchema } from './agreement.schema';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';

@Module({
  imports: [MongooseModule.forFeature([
      { name: AgreementRevisionRecord.name, schema: AgreementRevisionSchema },
      { name: AgreementHeadRecord.name, schema: AgreementHeadSchema },
    ]), SigningKeysModule],
  controllers: [AgreementsController],
  providers: [AgreementsRepository, AgreementsService, AgreementEvents, EventPublisher],
})
export class AgreementsFeatureModule {}
