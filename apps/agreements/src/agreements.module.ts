import { Module } from '@nestjs/common';
import { serviceDatabaseModule, serviceHealthController } from '@mitra/platform';
import { AgreementsFeatureModule } from './agreements/agreements.module';

@Module({
  imports: [serviceDatabaseModule('agreements'), AgreementsFeatureModule],
  controllers: [serviceHealthController('agreements')],
})
export class AgreementsModule {}
