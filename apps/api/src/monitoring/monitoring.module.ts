import { Module } from '@nestjs/common';
import { MonitoringController } from './monitoring.controller';
import { SdgController } from './sdg.controller';

@Module({ controllers: [SdgController, MonitoringController] })
export class MonitoringModule {}
