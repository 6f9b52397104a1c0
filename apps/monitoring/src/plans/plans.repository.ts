import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { MonitoringPlan } from '@mitra/contracts';
import { DocumentLog } from '../persistence/document-log';
import { planLog } from './plan.schema';

/** The partnerships' monitoring plans: a log of what each command changed, and the current plan. */
@Injectable()
export class PlansRepository extends DocumentLog<MonitoringPlan> {
  constructor(@InjectConnection() connection: Connection) {
    super(connection, planLog);
  }
}
