import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { AuditReplayer } from './audit-replayer';
import { AuditService } from './audit.service';
import { IatiExportService } from './iati-export.service';
import { UsersModule } from '../users/users.module';
import { InboxProjectionModule } from '../inbox-projection/inbox-projection.module';
import { BundleController } from './bundle.controller';
import { EvidenceBundleService } from './evidence-bundle.service';
import { VerifyService } from './verify.service';

@Module({
  imports: [PartnershipsModule, UsersModule, InboxProjectionModule],
  controllers: [AuditController, BundleController],
  providers: [AuditReplayer, AuditService, IatiExportService, EvidenceBundleService, VerifyService],
})
export class AuditModule {}
