import 'reflect-metadata';
import { bootstrapService } from '@mitra/platform';
import { FundingModule } from './funding.module';

void bootstrapService('funding', FundingModule);
