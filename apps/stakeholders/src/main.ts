import 'reflect-metadata';
import { bootstrapService } from '@mitra/platform';
import { StakeholdersModule } from './stakeholders.module';

void bootstrapService('stakeholders', StakeholdersModule);
