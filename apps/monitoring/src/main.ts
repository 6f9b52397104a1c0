import 'reflect-metadata';
import { bootstrapService } from '@mitra/platform';
import { MonitoringModule } from './monitoring.module';

void bootstrapService('monitoring', MonitoringModule);
