import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { AuditService } from './audit.service';
import { IatiExportService } from './iati-export.service';

@Module({ imports: [PartnershipsModule], controllers: [AuditController], providers: [AuditService, IatiExportService] })
export class AuditModule {}
