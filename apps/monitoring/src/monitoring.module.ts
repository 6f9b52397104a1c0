import { Module } from '@nestjs/common';
import { serviceDatabaseModule, serviceHealthController } from '@mitra/platform';

@Module({
  imports: [serviceDatabaseModule('monitoring')],
  controllers: [serviceHealthController('monitoring')],
})
export class MonitoringModule {}
