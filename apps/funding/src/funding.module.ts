import { Module } from '@nestjs/common';
import { serviceDatabaseModule, serviceHealthController } from '@mitra/platform';

@Module({
  imports: [serviceDatabaseModule('funding')],
  controllers: [serviceHealthController('funding')],
})
export class FundingModule {}
