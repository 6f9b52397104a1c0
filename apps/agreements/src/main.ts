import 'reflect-metadata';
import { bootstrapService } from '@mitra/platform';
import { AgreementsModule } from './agreements.module';

void bootstrapService('agreements', AgreementsModule);
