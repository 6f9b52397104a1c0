import { Module } from '@nestjs/common';
import { serviceDatabaseModule, serviceHealthController } from '@mitra/platform';

@Module({
  imports: [serviceDatabaseModule('agreements')],
  controllers: [serviceHealthController('agreements')],
})
export class AgreementsModule {}
